package news.comments.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.ClassPathResource;

/** The shipped configuration closes client connections that send no request (the tests use 2 s). */
class IdleTimeoutConfigTest {

    @Test
    void theShippedConfigurationClosesConnectionsWithoutARequestWithinAMinute() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties properties = yaml.getObject();

        String idleTimeout = properties.getProperty("server.netty.idle-timeout");
        assertThat(idleTimeout).as("server.netty.idle-timeout").isNotBlank();
        assertThat(DurationStyle.detectAndParse(idleTimeout)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60));
    }
}
