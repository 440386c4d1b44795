package com.plexichat.platform.events.channel;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A user joined a channel.
 *
 * @param role the channel role: {@code admin} or {@code member}
 * @param permissionRole whose permissions the member has: {@code admin}, {@code member}, or {@code guest}
 *     (a member who is a guest of the organization)
 */
public record ChannelMemberAdded(
        UUID channelId, UUID organizationId, UUID userId, String role, String permissionRole, Instant joinedAt) {

    public static final EventType<ChannelMemberAdded> TYPE = new EventType<>(
            "channel.member-added", Topics.CHANNELS, ChannelMemberAdded.class, Set.of("channel-service"));
}
