package news.comments.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP ports of every part of the stack. A port of 0 means "pick a free one" (library mode);
 * {@link #resolve()} replaces zeros by free ports and checks that fixed ports are not taken.
 */
public record StackPorts(
        int gateway,
        int gatewayManagement,
        int articleService,
        int commentService,
        int moderationService,
        int kafka,
        int kafkaController,
        int postgres) {

    /** The documented defaults of the local stack (see docs/conventions.md). */
    public static StackPorts defaults() {
        return new StackPorts(8080, 9080, 8081, 8082, 8083, 9092, 9093, 5432);
    }

    /** Every port picked freely: for tests and for running several stacks side by side. */
    public static StackPorts anyFree() {
        return new StackPorts(0, 0, 0, 0, 0, 0, 0, 0);
    }

    public StackPorts withGateway(int port) {
        return new StackPorts(
                port,
                gatewayManagement,
                articleService,
                commentService,
                moderationService,
                kafka,
                kafkaController,
                postgres);
    }

    Map<String, Integer> byName() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("gateway", gateway);
        ports.put("gateway management", gatewayManagement);
        ports.put("article-service", articleService);
        ports.put("comment-service", commentService);
        ports.put("moderation-service", moderationService);
        ports.put("kafka", kafka);
        ports.put("kafka controller", kafkaController);
        ports.put("postgresql", postgres);
        return ports;
    }

    /**
     * The port of replica {@code replica} (1 is the first) of a service whose first instance has port
     * {@code first}: the same for the first, 100 more for each further one (8082, 8182, 8282 for
     * comment-service), free-picked when the first is.
     */
    static int replicaPort(int first, int replica) {
        return first == 0 || replica == 1 ? first : first + 100 * (replica - 1);
    }

    /** These ports and some more (e.g. of further replicas), resolved together so that no two are the same. */
    record Resolved(StackPorts ports, Map<String, Integer> extra) {}

    /**
     * Replaces every 0 by a free port. Fails with a message naming the part when a fixed port is
     * already in use, so a clash (e.g. a local PostgreSQL on 5432) is obvious.
     */
    public StackPorts resolve() {
        return resolveWith(Map.of()).ports();
    }

    /** As {@link #resolve()}, for these ports and {@code extra} (by name) together. */
    Resolved resolveWith(Map<String, Integer> extra) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            Map<String, Integer> all = byName();
            for (Map.Entry<String, Integer> entry : extra.entrySet()) {
                if (all.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                    throw new IllegalArgumentException("Two ports named " + entry.getKey());
                }
            }
            int[] resolved = new int[all.size()];
            Map<String, Integer> resolvedExtra = new LinkedHashMap<>();
            int i = 0;
            for (Map.Entry<String, Integer> entry : all.entrySet()) {
                int port = entry.getValue();
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("Invalid port " + port + " for " + entry.getKey());
                }
                // Holding every socket until all are picked keeps two parts from getting the same port.
                ServerSocket socket = bind(port);
                if (socket == null) {
                    throw new IllegalStateException(
                            "Port " + port + " for " + entry.getKey()
                                    + " is already in use. Stop what uses it or choose another port (see README: COMMENTS_*_PORT).");
                }
                held.add(socket);
                if (extra.containsKey(entry.getKey())) {
                    resolvedExtra.put(entry.getKey(), socket.getLocalPort());
                }
                resolved[i++] = socket.getLocalPort();
            }
            StackPorts ports = new StackPorts(
                    resolved[0],
                    resolved[1],
                    resolved[2],
                    resolved[3],
                    resolved[4],
                    resolved[5],
                    resolved[6],
                    resolved[7]);
            return new Resolved(ports, resolvedExtra);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a probe socket cannot lose anything
                }
            }
        }
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            return null;
        }
    }

    static boolean isFree(int port) {
        ServerSocket socket = bind(port);
        if (socket == null) {
            return false;
        }
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }
}
