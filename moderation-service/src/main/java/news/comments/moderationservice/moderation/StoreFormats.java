package news.comments.moderationservice.moderation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import news.comments.events.Decision;
import news.comments.moderationservice.rules.AuthorHistory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary format for moderation-service's own stores (never for the contract topics, which stay
 * JSON). Every decision reads and writes an author history and writes a track, so their JSON, with its
 * UUIDs and timestamps as text, took about a fifth of a decision's CPU. Each value starts with a format
 * byte, so a later format can read this one. The author history store predates the format: a value that
 * starts with '{' is read as the JSON it was written in.
 */
final class StoreFormats {

    private static final byte V1 = 1;
    private static final Decision[] DECISIONS = Decision.values();
    private static final Serde<AuthorHistory> AUTHOR_HISTORY_JSON = JsonSerde.of(AuthorHistory.class);

    private StoreFormats() {}

    static Serde<CommentTrack> tracks() {
        return serde(StoreFormats::writeTrack, StoreFormats::readTrack);
    }

    static Serde<AuthorHistory> authorHistory() {
        Deserializer<AuthorHistory> binary = deserializer(StoreFormats::readHistory);
        return Serdes.serdeFrom(serializer(StoreFormats::writeHistory), (topic, bytes) -> {
            if (bytes != null && bytes.length > 0 && bytes[0] == '{') {
                return AUTHOR_HISTORY_JSON.deserializer().deserialize(topic, bytes);
            }
            return binary.deserialize(topic, bytes);
        });
    }

    private static void writeTrack(CommentTrack track, DataOutputStream out) throws IOException {
        writeUuid(out, track.articleId());
        writeInstant(out, track.submittedAt());
        writeString(out, track.author());
        out.writeByte(track.status() == null ? -1 : track.status().ordinal());
        writeInstant(out, track.statusAt());
        out.writeInt(track.reporters().size());
        for (String reporter : track.reporters()) {
            writeString(out, reporter);
        }
        out.writeBoolean(track.hiddenByReports());
    }

    private static CommentTrack readTrack(DataInputStream in) throws IOException {
        UUID articleId = readUuid(in);
        Instant submittedAt = readInstant(in);
        String author = readString(in);
        int status = in.readByte();
        Instant statusAt = readInstant(in);
        int reporterCount = in.readInt();
        List<String> reporters = new ArrayList<>(reporterCount);
        for (int i = 0; i < reporterCount; i++) {
            reporters.add(readString(in));
        }
        boolean hidden = in.readBoolean();
        return new CommentTrack(
                articleId, submittedAt, author, status < 0 ? null : DECISIONS[status], statusAt, reporters, hidden);
    }

    private static void writeHistory(AuthorHistory history, DataOutputStream out) throws IOException {
        out.writeBoolean(history.hasApproved());
        out.writeInt(history.recent().size());
        for (AuthorHistory.Past past : history.recent()) {
            writeInstant(out, past.submittedAt());
            writeString(out, past.textKey());
        }
    }

    private static AuthorHistory readHistory(DataInputStream in) throws IOException {
        boolean hasApproved = in.readBoolean();
        int count = in.readInt();
        List<AuthorHistory.Past> recent = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            recent.add(new AuthorHistory.Past(readInstant(in), readString(in)));
        }
        return new AuthorHistory(recent, hasApproved);
    }

    private interface Writer<T> {
        void write(T value, DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static <T> Serde<T> serde(Writer<T> writer, Reader<T> reader) {
        return Serdes.serdeFrom(serializer(writer), deserializer(reader));
    }

    private static <T> Serializer<T> serializer(Writer<T> writer) {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(V1);
                writer.write(value, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // not thrown by an in-memory stream
            }
            return bytes.toByteArray();
        };
    }

    private static <T> Deserializer<T> deserializer(Reader<T> reader) {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                byte format = in.readByte();
                if (format != V1) {
                    throw new SerializationException("unknown store format " + format + " in " + topic);
                }
                return reader.read(in);
            } catch (IOException e) {
                throw new SerializationException("unreadable store value in " + topic, e);
            }
        };
    }

    private static void writeUuid(DataOutputStream out, UUID id) throws IOException {
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
    }

    private static UUID readUuid(DataInputStream in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }

    /** Seconds and nanoseconds, so no precision is lost; {@code Long.MIN_VALUE} seconds stands for null. */
    private static void writeInstant(DataOutputStream out, Instant at) throws IOException {
        out.writeLong(at == null ? Long.MIN_VALUE : at.getEpochSecond());
        out.writeInt(at == null ? 0 : at.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        long seconds = in.readLong();
        int nanos = in.readInt();
        return seconds == Long.MIN_VALUE ? null : Instant.ofEpochSecond(seconds, nanos);
    }

    /** UTF-8 with a length; -1 stands for null. */
    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = in.readNBytes(length);
        if (utf8.length != length) {
            throw new IOException("truncated string");
        }
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
