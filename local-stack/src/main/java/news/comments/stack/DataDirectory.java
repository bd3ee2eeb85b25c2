package news.comments.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one folder that holds all state of the local stack, so a restart keeps every comment. */
public record DataDirectory(Path root) {

    public static DataDirectory create(Path root) {
        DataDirectory data = new DataDirectory(root.toAbsolutePath().normalize());
        try {
            for (Path dir :
                    new Path[] {data.root(), data.kafka(), data.postgres(), data.streams(), data.keys(), data.logs()}) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + data.root(), e);
        }
        return data;
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path postgres() {
        return root.resolve("postgres");
    }

    public Path streams() {
        return root.resolve("streams");
    }

    /**
     * The Kafka Streams state of one moderation-service instance: {@link #streams()} for the first (as
     * before replicas), {@code streams-<n>} for replica n. Instances of one application id must not share
     * a state folder (Streams locks each task's folder).
     */
    public Path streams(int replica) {
        return replica == 1 ? streams() : root.resolve("streams-" + replica);
    }

    public Path keys() {
        return root.resolve("keys");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path log(String part) {
        return logs().resolve(part + ".log");
    }

    public Path moderatorPasswordFile() {
        return root.resolve("moderator-password");
    }

    public Path signingKey() {
        return keys().resolve("jwt-signing-key.pem");
    }

    public Path seedMarker() {
        return root.resolve("seeded");
    }
}
