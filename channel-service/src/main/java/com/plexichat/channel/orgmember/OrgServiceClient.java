package com.plexichat.channel.orgmember;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * Asks org-service for one membership, with the token of the user being served (org-service shows
 * members only to members, so the answer is exactly what the user may know). Used on a replica miss
 * only; any failure counts as "not known", so a down org-service costs a 404, never a hang.
 */
class OrgServiceClient {

    private static final Logger log = LoggerFactory.getLogger(OrgServiceClient.class);

    private final RestClient http;
    private final URI url;
    private final ObjectProvider<LoadBalancerClient> loadBalancer;
    private final MeterRegistry meters;

    /** @param url {@code lb://<service>} to find an instance through discovery, or a plain base URL */
    OrgServiceClient(RestClient http, URI url, ObjectProvider<LoadBalancerClient> loadBalancer, MeterRegistry meters) {
        this.http = http;
        this.url = url;
        this.loadBalancer = loadBalancer;
        this.meters = meters;
    }

    /**
     * Counted as {@code plexichat.org.lookups{outcome}}: how often the replica was behind (member, outsider)
     * and how often org-service could not answer (unavailable).
     */
    Optional<String> role(UUID organizationId, UUID userId) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken jwt)) {
            return Optional.empty();
        }
        try {
            Optional<URI> base = baseUrl();
            if (base.isEmpty()) {
                count("unavailable");
                log.info("No org-service instance to ask whether {} is in organization {}", userId, organizationId);
                return Optional.empty();
            }
            JsonNode body = http.get()
                    .uri(base.get() + "/v1/organizations/{organization}/members/{user}", organizationId, userId)
                    .headers(headers -> headers.setBearerAuth(jwt.getToken().getTokenValue()))
                    .retrieve()
                    .onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {})
                    .body(JsonNode.class);
            JsonNode role = body == null ? null : body.path("data").get("role");
            if (role == null || !role.isString()) {
                count("outsider");
                return Optional.empty();
            }
            count("member");
            return Optional.of(role.asString());
        } catch (RestClientException | IllegalStateException e) {
            count("unavailable");
            log.info(
                    "org-service could not say whether {} is in organization {}: {}",
                    userId,
                    organizationId,
                    e.toString());
            return Optional.empty();
        }
    }

    private void count(String outcome) {
        meters.counter("plexichat.org.lookups", "outcome", outcome).increment();
    }

    private Optional<URI> baseUrl() {
        if (!"lb".equals(url.getScheme())) {
            return Optional.of(url);
        }
        LoadBalancerClient client = loadBalancer.getIfAvailable();
        ServiceInstance instance = client == null ? null : client.choose(url.getHost());
        return Optional.ofNullable(instance).map(ServiceInstance::getUri);
    }
}
