package news.comments.commentservice;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Every span the service exports, kept in memory for the tests to read (sampling is 1.0 in the tests). */
@TestConfiguration(proxyBeanMethods = false)
class TracingTestConfig {

    @Bean
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
