package news.comments.gateway.routing;

import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * The health-checked instances, or every instance when none passed its last check. A check that is only
 * slow (a busy machine: the probe did not answer within the interval) must not leave the service with no
 * instance at all: then the calls go out as they would without balancing, and a service that is really down
 * fails them as before (connection refused, its breaker).
 */
final class EveryInstanceWhenNoneHealthy extends DelegatingServiceInstanceListSupplier {

    private final ServiceInstanceListSupplier every;

    EveryInstanceWhenNoneHealthy(ServiceInstanceListSupplier healthChecked, ServiceInstanceListSupplier every) {
        super(healthChecked);
        this.every = every;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return delegate.get()
                .switchMap(healthy -> healthy.isEmpty() ? every.get().take(1) : Flux.just(healthy));
    }
}
