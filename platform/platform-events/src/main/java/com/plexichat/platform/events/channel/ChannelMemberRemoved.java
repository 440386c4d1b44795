package com.plexichat.platform.events.channel;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A user is no longer in a channel.
 *
 * @param reason {@code left}, {@code removed} (by someone else), {@code left-organization} or {@code user-deleted}
 */
public record ChannelMemberRemoved(UUID channelId, UUID organizationId, UUID userId, String reason, Instant removedAt) {

    public static final EventType<ChannelMemberRemoved> TYPE = new EventType<>(
            "channel.member-removed", Topics.CHANNELS, ChannelMemberRemoved.class, Set.of("channel-service"));
}
