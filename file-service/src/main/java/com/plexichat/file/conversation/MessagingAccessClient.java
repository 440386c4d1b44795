package com.plexichat.file.conversation;

import com.plexichat.platform.security.client.ServiceClients;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * messaging-service's internal access check ({@code GET /internal/conversations/{id}/access/{user}}): it knows DMs
 * and (through its replica and channel-service) who reads a channel. Asked when this replica does not have the user
 * in the conversation (not a member, or the events are still on their way). Empty for an unknown conversation; a
 * messaging-service that cannot answer is the 503 envelope. Without service credentials the replica alone decides.
 */
@Component
class MessagingAccessClient {

    static final String SERVICE = "messaging-service";

    record RemoteAccess(String kind, boolean readable, List<String> permissions) {}

    private final ServiceClients services;

    MessagingAccessClient(ServiceClients services) {
        this.services = services;
    }

    Optional<RemoteAccess> access(UUID conversationId, UUID userId) {
        return services.find(SERVICE, "/internal/conversations/{conversation}/access/{user}", conversationId, userId)
                .filter(data -> data.has("readable"))
                .map(data -> new RemoteAccess(
                        data.get("kind").asString(),
                        data.get("readable").asBoolean(),
                        data.get("permissions")
                                .valueStream()
                                .map(JsonNode::asString)
                                .toList()));
    }
}
