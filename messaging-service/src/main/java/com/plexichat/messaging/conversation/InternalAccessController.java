package com.plexichat.messaging.conversation;

import com.plexichat.platform.api.ApiResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * "May user U read conversation C, and what may they do there", for a service that knows conversations only from
 * events (file-service, deciding who reads an attached file). Channels as {@link Conversations} decides them (the
 * replica, then channel-service), DMs by their participants. Service credentials only (the realm role
 * {@code service}); the gateway routes only {@code /v1}, so clients never reach it.
 */
@RestController
class InternalAccessController {

    private final Conversations conversations;

    InternalAccessController(Conversations conversations) {
        this.conversations = conversations;
    }

    /** @param kind {@code channel} or {@code dm}; @param participantIds a DM's (null for a channel) */
    record AccessResponse(
            UUID conversationId,
            String kind,
            UUID organizationId,
            UUID userId,
            boolean readable,
            boolean member,
            String role,
            List<String> permissions,
            List<UUID> participantIds) {}

    @GetMapping("/internal/conversations/{id}/access/{userId}")
    ApiResponse<AccessResponse> access(@PathVariable UUID id, @PathVariable UUID userId) {
        Conversations.Access access = conversations.readable(id, userId, null);
        return ApiResponse.ok(new AccessResponse(
                id,
                access.conversation().kind(),
                access.conversation().organizationId(),
                userId,
                true,
                access.member(),
                access.role(),
                access.permissions(),
                // For call-service, which rings a DM's other participants before it has heard of the DM.
                access.conversation().isDm() ? conversations.dmParticipants(id) : null));
    }
}
