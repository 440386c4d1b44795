package com.plexichat.platform.security.client;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * HTTP clients for calling other PlexiChat services, one per callee: found through Eureka ({@code lb://<name>}),
 * time-boxed, carrying this service's own client-credentials token (fetched from Keycloak and reused until it
 * expires) and the request id. A callee that cannot answer (no instance, refused or timed-out connection, a 5xx, or
 * our credentials refused) is an {@link ApiException} {@code SERVICE_UNAVAILABLE}: the caller's client gets the 503
 * envelope, never a hang and never a wrong 404. 4xx answers are the caller's to read.
 */
public class ServiceClients {

    private static final Logger log = LoggerFactory.getLogger(ServiceClients.class);

    private final ServiceClientProperties properties;
    private final RestClient.Builder builder;
    private final ClientHttpRequestFactory requests;
    private final ClientHttpRequestInterceptor bearer;
    private final ObjectProvider<LoadBalancerClient> loadBalancer;
    private final MeterRegistry meters;
    private final Map<String, RestClient> clients = new ConcurrentHashMap<>();

    ServiceClients(
            ServiceClientProperties properties,
            RestClient.Builder builder,
            ClientHttpRequestFactory requests,
            ClientHttpRequestInterceptor bearer,
            ObjectProvider<LoadBalancerClient> loadBalancer,
            MeterRegistry meters) {
        this.properties = properties;
        this.builder = builder;
        this.requests = requests;
        this.bearer = bearer;
        this.loadBalancer = loadBalancer;
        this.meters = meters;
    }

    /**
     * Whether this service has credentials to call others with. Without them (tests of one service, a stack whose
     * realm has no client for it) callers rely on what they know locally.
     */
    public boolean enabled() {
        return bearer != null;
    }

    /** The client for one service; paths are relative to the service's root, e.g. {@code /internal/...}. */
    public RestClient to(String service) {
        return clients.computeIfAbsent(service, this::build);
    }

    /**
     * The {@code data} of the envelope a {@code GET} answers: empty when the callee says 404 (it has no such thing),
     * and empty without calling when this service has no credentials (see {@link #enabled()}).
     */
    public Optional<JsonNode> find(String service, String uri, Object... variables) {
        if (!enabled()) {
            return Optional.empty();
        }
        JsonNode body = to(service)
                .get()
                .uri(uri, variables)
                .retrieve()
                .onStatus(status -> status.value() == 404, (request, response) -> {})
                .body(JsonNode.class);
        JsonNode data = body == null ? null : body.get("data");
        return data == null || data.isNull() ? Optional.empty() : Optional.of(data);
    }

    private RestClient build(String service) {
        URI url = properties.url(service);
        RestClient.Builder client = builder.clone().requestFactory(requests);
        // The first interceptor is the outermost: it sees every failure of the ones after it.
        client.requestInterceptor(new Failures(service));
        if ("lb".equals(url.getScheme())) {
            LoadBalancerClient balancer = loadBalancer.getIfAvailable();
            if (balancer == null) {
                client.requestInterceptor((request, body, execution) -> {
                    log.warn("{} cannot be found: this process has no service discovery", service);
                    throw unavailable(service);
                });
            } else {
                client.requestInterceptor(new LoadBalancerInterceptor(balancer));
            }
            client.baseUrl("http://" + url.getHost());
        } else {
            client.baseUrl(url.toString());
        }
        if (bearer != null) {
            client.requestInterceptor(bearer);
        }
        return client.build();
    }

    /** The 503 envelope a caller answers when {@code service} cannot be asked (also without credentials). */
    public static ApiException unavailable(String service) {
        return new ApiException(
                ErrorCode.SERVICE_UNAVAILABLE,
                service + " is unavailable; try again shortly",
                Map.of("reason", "dependency_unavailable", "service", service));
    }

    /** Turns everything that means "the callee cannot answer now" into the 503 envelope, counted per outcome. */
    private final class Failures implements ClientHttpRequestInterceptor {

        private final String service;

        Failures(String service) {
            this.service = service;
        }

        @Override
        public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution) {
            ClientHttpResponse response;
            try {
                response = execution.execute(request, body);
            } catch (IOException e) {
                throw failed("no answer: " + e.getClass().getSimpleName(), e);
            } catch (IllegalStateException e) {
                // What the load balancer throws when discovery knows no instance.
                throw failed("no instance", e);
            } catch (OAuth2AuthorizationException e) {
                throw failed("no token from the identity provider", e);
            }
            int status;
            try {
                status = response.getStatusCode().value();
            } catch (IOException e) {
                response.close();
                throw failed("no answer: " + e.getClass().getSimpleName(), e);
            }
            if (status >= 500 || status == 401 || status == 403) {
                response.close();
                if (status < 500) {
                    log.error(
                            "{} refused this service's credentials ({}) for {} {}: check its Keycloak client and the"
                                    + " realm role 'service'",
                            service,
                            status,
                            request.getMethod(),
                            request.getURI().getPath());
                }
                throw failed("status " + status, null);
            }
            meters.counter("plexichat.service.calls", "service", service, "outcome", "answered")
                    .increment();
            return response;
        }

        private ApiException failed(String why, Exception cause) {
            meters.counter("plexichat.service.calls", "service", service, "outcome", "unavailable")
                    .increment();
            log.warn("{} could not answer: {}{}", service, why, cause == null ? "" : " (" + cause.getMessage() + ")");
            return unavailable(service);
        }
    }
}
