package com.plexichat.messaging.membership;

import com.plexichat.messaging.conversation.ChannelAccess;
import com.plexichat.platform.security.client.ServiceClients;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * channel-service's internal access check ({@code GET /internal/channels/{id}/access/{user}}), asked with this
 * service's own credentials when the replica does not know a user in a channel. An unknown channel is empty (the
 * client's 404); a channel-service that cannot answer is the 503 envelope (the platform client). Without service
 * credentials (tests of this service alone) the replica is all there is.
 */
@Component
class ChannelAccessClient implements ChannelAccess {

    static final String SERVICE = "channel-service";

    private final ServiceClients services;

    ChannelAccessClient(ServiceClients services) {
        this.services = services;
    }

    @Override
    public Optional<RemoteAccess> access(UUID channelId, UUID userId) {
        return services.find(SERVICE, "/internal/channels/{channel}/access/{user}", channelId, userId)
                .filter(data -> data.has("readable"))
                .map(data -> new RemoteAccess(
                        UUID.fromString(data.get("organization_id").asString()),
                        data.get("type").asString(),
                        data.get("archived").asBoolean(),
                        data.get("readable").asBoolean(),
                        data.get("member").asBoolean(),
                        data.path("role").isString() ? data.get("role").asString() : null,
                        data.get("permissions")
                                .valueStream()
                                .map(JsonNode::asString)
                                .toList()));
    }
}
