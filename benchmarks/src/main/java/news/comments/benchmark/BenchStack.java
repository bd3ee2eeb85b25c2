package news.comments.benchmark;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import news.comments.stack.LocalStack;
import news.comments.stack.LocalStackConfig;

/**
 * One variant's whole system on free ports: broker and PostgreSQL from local-stack, the four services from
 * the variant's jar snapshot, the harness's decision consumer, and a CPU meter over its parts.
 */
final class BenchStack implements AutoCloseable {

    private final Variant variant;
    private final LocalStack stack;
    private final ServiceProcesses services;
    private final GatewayApi api;
    private final DecisionWatcher decisions;
    private final CpuMeter cpu;
    private final Fixtures fixtures;

    private BenchStack(
            Variant variant,
            LocalStack stack,
            ServiceProcesses services,
            GatewayApi api,
            DecisionWatcher decisions,
            CpuMeter cpu) {
        this.variant = variant;
        this.stack = stack;
        this.services = services;
        this.api = api;
        this.decisions = decisions;
        this.cpu = cpu;
        this.fixtures = new Fixtures(api);
    }

    static BenchStack start(Variant variant, Path data, Path snapshot) {
        System.out.println("[bench] starting the " + variant.name() + " stack");
        LocalStack stack = LocalStack.start(LocalStackConfig.builder(data)
                .repositoryDirectory(snapshot)
                .startServices(false)
                .seed(false)
                .startupTimeout(Duration.ofMinutes(10))
                .build());
        ServiceProcesses services = null;
        DecisionWatcher decisions = null;
        try {
            stack.postgresPid().ifPresent(OurProcesses::addDetached);
            services = ServiceProcesses.start(stack, variant, snapshot);
            GatewayApi api = new GatewayApi(stack.gatewayUrl(), stack.moderatorUser(), stack.moderatorPassword());
            decisions = new DecisionWatcher(stack.kafkaBootstrapServers());
            Map<String, Long> pids = new LinkedHashMap<>();
            Map<String, Long> servicePids = services.pids();
            pids.put("gateway", servicePids.get("gateway"));
            pids.put("comment-service", servicePids.get("comment-service"));
            pids.put("article-service", servicePids.get("article-service"));
            pids.put("moderation-service", servicePids.get("moderation-service"));
            pids.put("kafka", stack.childProcesses().get(0).pid());
            stack.postgresPid().ifPresent(pid -> pids.put("postgresql", pid));
            return new BenchStack(variant, stack, services, api, decisions, new CpuMeter(pids));
        } catch (RuntimeException e) {
            if (decisions != null) {
                decisions.close();
            }
            if (services != null) {
                services.close();
            }
            stack.close();
            throw e;
        }
    }

    Variant variant() {
        return variant;
    }

    String name() {
        return variant.name();
    }

    GatewayApi api() {
        return api;
    }

    URI gateway() {
        return stack.gatewayUrl();
    }

    /** comment-service's own port, as the gateway reaches it. */
    URI commentService() {
        return URI.create("http://127.0.0.1:" + stack.ports().commentService());
    }

    DecisionWatcher decisions() {
        return decisions;
    }

    CpuMeter cpu() {
        return cpu;
    }

    Fixtures fixtures() {
        return fixtures;
    }

    @Override
    public void close() {
        System.out.println("[bench] stopping the " + variant.name() + " stack");
        decisions.close();
        services.close();
        stack.close();
    }
}
