package news.comments.gateway.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Who is the client? The direct peer, unless that peer is a configured trusted proxy: then
 * {@code X-Forwarded-For} is walked from the right (the entry the trusted proxy appended) past
 * further trusted proxies to the first address that is not one. Entries left of that were written
 * by the client and are never believed. Only IP literals are parsed: no DNS lookups.
 */
public final class ClientAddressResolver {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final List<Block> trusted;

    public ClientAddressResolver(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Block::parse)
                .toList();
    }

    public String clientOf(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = (remote != null) ? remote.getAddress() : null;
        if (peer == null) {
            return "unknown";
        }
        return resolve(peer, request.getHeaders().get("X-Forwarded-For")).getHostAddress();
    }

    InetAddress resolve(InetAddress peer, List<String> forwardedForHeaders) {
        if (!isTrusted(peer) || forwardedForHeaders == null) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedForHeaders) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = parseLiteral(hops.get(i));
            if (hop == null) {
                // Garbage where a trusted proxy should have written its peer: stop at the last good hop.
                return client;
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    boolean isTrusted(InetAddress address) {
        for (Block block : this.trusted) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    static InetAddress parseLiteral(String text) {
        String value = text.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty()
                || value.length() > 45
                || !(IPV4.matcher(value).matches() || IPV6.matcher(value).matches())) {
            return null;
        }
        try {
            // Only digits, dots, colons and hex: InetAddress parses a literal and never resolves a name.
            return InetAddress.getByName(value);
        } catch (UnknownHostException | SecurityException ex) {
            return null;
        }
    }

    /** An address block: {@code 10.0.0.0/8}, {@code ::1}, {@code 192.168.1.5}. */
    record Block(byte[] network, int prefixLength) {

        static Block parse(String spec) {
            int slash = spec.indexOf('/');
            String address = (slash < 0) ? spec : spec.substring(0, slash);
            InetAddress parsed = parseLiteral(address);
            if (parsed == null) {
                throw new IllegalArgumentException("Not an IP address or CIDR block: '" + spec + "'");
            }
            byte[] bytes = parsed.getAddress();
            int prefix = (slash < 0)
                    ? bytes.length * 8
                    : Integer.parseInt(spec.substring(slash + 1).trim());
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("Bad prefix length in '" + spec + "'");
            }
            return new Block(bytes, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != this.network.length) {
                return false;
            }
            int fullBytes = this.prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (candidate[i] != this.network[i]) {
                    return false;
                }
            }
            int rest = this.prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
        }
    }
}
