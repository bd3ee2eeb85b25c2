package news.comments.support.json;

import java.io.CharConversionException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Passes bytes through unchanged and fails the read as soon as they stop being well-formed UTF-8.
 * Jackson's byte parser decodes overlong forms ({@code C0 AF} became '/') and other ill-formed
 * sequences leniently; the JDK's decoder refuses them, so it checks the bytes on the way in.
 */
public final class StrictUtf8InputStream extends FilterInputStream {

    /** Thrown from {@code read}: the body is not UTF-8. */
    public static final class MalformedUtf8Exception extends CharConversionException {

        MalformedUtf8Exception() {
            super("The request body is not well-formed UTF-8.");
        }
    }

    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private final CharBuffer sink = CharBuffer.allocate(1024);

    /** The start of a sequence split across two reads (at most 3 bytes). */
    private ByteBuffer pending = ByteBuffer.allocate(0);

    private boolean finished;

    StrictUtf8InputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return (n < 0) ? -1 : (one[0] & 0xff);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            check(buffer, offset, n);
        } else if (n < 0) {
            finish();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes would go unchecked: read them instead.
        byte[] discard = new byte[(int) Math.min(n, 8192)];
        int read = read(discard, 0, discard.length);
        return Math.max(read, 0);
    }

    private void check(byte[] buffer, int offset, int length) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(this.pending.remaining() + length);
        in.put(this.pending).put(buffer, offset, length).flip();
        decode(in, false);
        this.pending = ByteBuffer.allocate(in.remaining()).put(in).flip();
    }

    private void finish() throws IOException {
        if (this.finished) {
            return;
        }
        this.finished = true;
        decode(this.pending, true);
        this.sink.clear();
        if (this.decoder.flush(this.sink).isError()) {
            throw new MalformedUtf8Exception();
        }
    }

    private void decode(ByteBuffer in, boolean endOfInput) throws IOException {
        while (true) {
            this.sink.clear();
            CoderResult result = this.decoder.decode(in, this.sink, endOfInput);
            if (result.isError()) {
                throw new MalformedUtf8Exception();
            }
            if (result.isUnderflow()) {
                return;
            }
        }
    }
}
