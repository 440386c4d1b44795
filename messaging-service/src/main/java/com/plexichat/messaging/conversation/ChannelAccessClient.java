package com.plexichat.messaging.conversation;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * channel-service's internal access check ({@code GET /internal/channels/{id}/access/{user}}), asked
 * with this service's own credentials (a client-credentials token of its Keycloak client) when the
 * replica does not know a user in a channel. Any failure counts as "no access": a 404 for the client,
 * never a hang (bounded time-outs).
 */
public class ChannelAccessClient {

    private static final Logger log = LoggerFactory.getLogger(ChannelAccessClient.class);

    /** What channel-service answered. */
    public record RemoteAccess(
            UUID organizationId,
            String type,
            boolean archived,
            boolean readable,
            boolean member,
            String role,
            List<String> permissions) {}

    private final RestClient http;
    private final URI url;
    private final ObjectProvider<LoadBalancerClient> loadBalancer;

    /** @param http null when no service credentials are configured: then the replica is all there is */
    public ChannelAccessClient(RestClient http, URI url, ObjectProvider<LoadBalancerClient> loadBalancer) {
        this.http = http;
        this.url = url;
        this.loadBalancer = loadBalancer;
    }

    Optional<RemoteAccess> access(UUID channelId, UUID userId) {
        if (http == null) {
            return Optional.empty();
        }
        try {
            Optional<URI> base = baseUrl();
            if (base.isEmpty()) {
                log.info("No channel-service instance to ask about {} in channel {}", userId, channelId);
                return Optional.empty();
            }
            JsonNode body = http.get()
                    .uri(base.get() + "/internal/channels/{channel}/access/{user}", channelId, userId)
                    .retrieve()
                    .onStatus(status -> status.value() == 404, (request, response) -> {})
                    .body(JsonNode.class);
            JsonNode data = body == null ? null : body.get("data");
            if (data == null || !data.has("readable")) {
                return Optional.empty();
            }
            List<String> permissions = data.get("permissions")
                    .valueStream()
                    .map(JsonNode::asString)
                    .toList();
            return Optional.of(new RemoteAccess(
                    UUID.fromString(data.get("organization_id").asString()),
                    data.get("type").asString(),
                    data.get("archived").asBoolean(),
                    data.get("readable").asBoolean(),
                    data.get("member").asBoolean(),
                    data.path("role").isString() ? data.get("role").asString() : null,
                    permissions));
        } catch (RestClientException | IllegalStateException | IllegalArgumentException e) {
            log.warn(
                    "channel-service could not say whether {} may use channel {}: {}", userId, channelId, e.toString());
            return Optional.empty();
        }
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
