package news.comments.gateway.auth;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the public half of the signing key so the services can check tokens. */
@RestController
public class JwksController {

    private final Map<String, Object> jwkSet;

    public JwksController(SigningKey key) {
        // toJSONObject() on a public-only set never includes private parts.
        this.jwkSet = new JWKSet(key.rsaKey().toPublicJWK()).toJSONObject(true);
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(this.jwkSet);
    }
}
