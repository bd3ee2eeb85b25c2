package news.comments.moderationservice.moderation;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A deserializer that hands back the same object for the same bytes, for a store whose few values are read
 * over and over: every comment looks its article up in the article history, and parsing that JSON each time
 * was a tenth of a decision. The values must be immutable (records). Bounded: when full it starts afresh.
 */
final class RecentValues<T> implements Deserializer<T> {

    private final Deserializer<T> delegate;
    private final int capacity;
    private final Map<ByteBuffer, T> byBytes = new ConcurrentHashMap<>();

    RecentValues(Deserializer<T> delegate, int capacity) {
        this.delegate = delegate;
        this.capacity = capacity;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        ByteBuffer key = ByteBuffer.wrap(data);
        T known = byBytes.get(key);
        if (known != null) {
            return known;
        }
        T value = delegate.deserialize(topic, data);
        if (value != null) {
            if (byBytes.size() >= capacity) {
                byBytes.clear();
            }
            byBytes.put(key, value);
        }
        return value;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
