package com.plexichat.platform.events.channel;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A channel was archived: it stays readable, but nothing is posted, reacted to, uploaded or called in it
 * until it is unarchived (a {@code channel.updated} with {@code archived: false}).
 */
public record ChannelArchived(UUID channelId, UUID organizationId, UUID archivedBy, Instant archivedAt) {

    public static final EventType<ChannelArchived> TYPE =
            new EventType<>("channel.archived", Topics.CHANNELS, ChannelArchived.class, Set.of("channel-service"));
}
