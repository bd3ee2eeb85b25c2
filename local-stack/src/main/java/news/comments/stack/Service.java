package news.comments.stack;

import java.nio.file.Path;
import java.util.Optional;

/** The four Spring Boot services, each built to {@code <name>/target/<name>.jar}. */
public enum Service {
    ARTICLE("article-service", "articles"),
    COMMENT("comment-service", "comments"),
    MODERATION("moderation-service", null),
    GATEWAY("gateway", null);

    private final String moduleName;
    private final String database;

    Service(String moduleName, String database) {
        this.moduleName = moduleName;
        this.database = database;
    }

    public String moduleName() {
        return moduleName;
    }

    /** The service's own database, if it has one. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    Path jar(Path repositoryDirectory) {
        return repositoryDirectory.resolve(moduleName).resolve("target").resolve(moduleName + ".jar");
    }

    int port(StackPorts ports) {
        return switch (this) {
            case ARTICLE -> ports.articleService();
            case COMMENT -> ports.commentService();
            case MODERATION -> ports.moderationService();
            case GATEWAY -> ports.gateway();
        };
    }
}
