package com.plexichat.gateway.health;

import com.plexichat.gateway.health.SystemHealth.InstanceHealth;
import com.plexichat.gateway.health.SystemHealth.ServiceHealth;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.RequestIds;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v1/health}: public, for load balancers. Asks the registry for every expected service and each
 * instance for its readiness, so one call tells whether the whole system can serve: 200 {@code {"status":"UP"}}
 * when every service has a ready instance, 503 (with {@code {"status":"DOWN"}} under {@code error.details})
 * otherwise. Nothing more: which instance is where is for administrators ({@code GET /v1/admin/health}).
 */
@RestController
class HealthController {

    private final ReactiveDiscoveryClient discovery;
    private final HealthProperties properties;
    private final WebClient http = WebClient.create();

    HealthController(ReactiveDiscoveryClient discovery, HealthProperties properties) {
        this.discovery = discovery;
        this.properties = properties;
    }

    @GetMapping("/v1/health")
    Mono<ResponseEntity<ApiResponse<?>>> health(ServerWebExchange exchange) {
        Object requestId = exchange.getAttribute(RequestIds.ATTRIBUTE);
        String id = requestId == null ? null : requestId.toString();
        return Flux.fromIterable(properties.services())
                .flatMapSequential(this::service)
                .collectList()
                .map(services -> {
                    boolean up = services.stream().allMatch(s -> s.status().equals(SystemHealth.UP));
                    Map<String, String> report = Map.of("status", up ? SystemHealth.UP : SystemHealth.DOWN);
                    if (up) {
                        return ResponseEntity.ok(ApiResponse.ok(report, id));
                    }
                    return ResponseEntity.status(ErrorCode.SERVICE_UNAVAILABLE.status())
                            .body(ApiResponse.error(
                                    ErrorCode.SERVICE_UNAVAILABLE, "Some services are not ready", report, id));
                });
    }

    private Mono<ServiceHealth> service(String name) {
        return discovery
                .getInstances(name)
                .flatMap(this::instance)
                .collectList()
                .map(instances -> new ServiceHealth(
                        name,
                        instances.stream().anyMatch(i -> i.status().equals(SystemHealth.UP))
                                ? SystemHealth.UP
                                : SystemHealth.DOWN,
                        instances))
                .onErrorResume(e -> Mono.just(new ServiceHealth(name, SystemHealth.DOWN, List.of())));
    }

    private Mono<InstanceHealth> instance(ServiceInstance instance) {
        String uri = instance.getUri().toString();
        return http.get()
                .uri(uri + "/actuator/health/readiness")
                .retrieve()
                .bodyToMono(Map.class)
                .map(body -> String.valueOf(body.get("status")))
                .timeout(properties.healthTimeout())
                .onErrorReturn(SystemHealth.DOWN)
                .map(status -> new InstanceHealth(instance.getInstanceId(), uri, status));
    }
}
