package news.comments.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import news.comments.gateway.edge.ClientAddressResolver;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** Which address a request is counted against, with and without trusted proxies. */
class ClientAddressResolverTest {

    @Test
    void withoutTrustedProxiesTheForwardedHeaderIsIgnored() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of());

        assertThat(resolver.clientOf(request("10.0.0.5", "198.51.100.1"))).isEqualTo("10.0.0.5");
    }

    @Test
    void aPeerThatIsNotTrustedCannotNameAnotherClient() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8"));

        assertThat(resolver.clientOf(request("192.0.2.8", "198.51.100.1"))).isEqualTo("192.0.2.8");
    }

    @Test
    void behindTrustedProxiesTheFirstUntrustedHopFromTheRightIsTheClient() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8", "192.168.1.2"));

        assertThat(resolver.clientOf(request("10.1.2.3", "203.0.113.66, 198.51.100.1, 192.168.1.2")))
                .isEqualTo("198.51.100.1");
        assertThat(resolver.clientOf(request("10.1.2.3", "198.51.100.9"))).isEqualTo("198.51.100.9");
    }

    @Test
    void garbageOrHostNamesInTheHeaderAreNeverResolvedAndStopTheWalk() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8"));

        assertThat(resolver.clientOf(request("10.1.2.3", "example.com"))).isEqualTo("10.1.2.3");
        assertThat(resolver.clientOf(request("10.1.2.3", "1.2.3.4, <script>, 10.9.9.9")))
                .isEqualTo("10.9.9.9");
        assertThat(resolver.clientOf(request("10.1.2.3", "2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void aMalformedTrustedProxyEntryFailsAtStartUp() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddressResolver(List.of("proxy.local")));
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddressResolver(List.of("10.0.0.0/33")));
    }

    private static MockServerHttpRequest request(String peer, String forwardedFor) {
        return MockServerHttpRequest.post(URI.create("/api/articles/a/comments").toString())
                .remoteAddress(new InetSocketAddress(peer, 40000))
                .header("X-Forwarded-For", forwardedFor)
                .build();
    }
}
