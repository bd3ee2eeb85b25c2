package news.comments.gateway.routing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/**
 * A service with several instances: its routes' URI is {@code lb://<service>} (set
 * {@code comments.gateway.<service>-uri}) and its instances are listed in
 * {@code spring.cloud.discovery.client.simple.instances.<service>[i].uri}. Spring Cloud LoadBalancer
 * takes turns over the instances that passed their last health check ({@link HealthCheckedInstances}),
 * so a crashed or stopping instance stops getting calls within about a second. A route with a plain
 * {@code http://} URI (one instance, or Docker's DNS over replicas) does not go through any of this.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = HealthCheckedInstances.class)
public class BalancedServiceConfiguration {}
