package com.plexichat.platform.events.channel;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The permissions of a channel's roles changed; {@code roles} holds the whole new table (role to
 * permissions), so a consumer replaces what it had.
 */
public record ChannelPermissionsUpdated(
        UUID channelId, UUID organizationId, Map<String, List<String>> roles, Instant updatedAt) {

    public static final EventType<ChannelPermissionsUpdated> TYPE = new EventType<>(
            "channel.permissions-updated", Topics.CHANNELS, ChannelPermissionsUpdated.class, Set.of("channel-service"));
}
