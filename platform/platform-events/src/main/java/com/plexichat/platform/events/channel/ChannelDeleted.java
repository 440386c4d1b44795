package com.plexichat.platform.events.channel;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A channel is gone with its members (deleted by a user, or with its organization); its messages go by this event. */
public record ChannelDeleted(UUID channelId, UUID organizationId, Instant deletedAt) {

    public static final EventType<ChannelDeleted> TYPE =
            new EventType<>("channel.deleted", Topics.CHANNELS, ChannelDeleted.class, Set.of("channel-service"));
}
