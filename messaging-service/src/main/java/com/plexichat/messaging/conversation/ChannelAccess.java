package com.plexichat.messaging.conversation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What channel-service itself says of a user in a channel, asked when the replica does not know them there (a
 * member added a moment ago, before their event arrived). The membership feature answers it; this feature only
 * asks, so it depends on nothing that talks to channel-service.
 */
public interface ChannelAccess {

    /** channel-service's answer; empty for a channel it does not know. */
    Optional<RemoteAccess> access(UUID channelId, UUID userId);

    record RemoteAccess(
            UUID organizationId,
            String type,
            boolean archived,
            boolean readable,
            boolean member,
            String role,
            List<String> permissions) {}
}
