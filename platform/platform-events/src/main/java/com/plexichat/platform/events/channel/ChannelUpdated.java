package com.plexichat.platform.events.channel;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A channel's name, topic or archived flag changed; the data is the state after the change. */
public record ChannelUpdated(
        UUID channelId, UUID organizationId, String name, String topic, boolean archived, Instant updatedAt) {

    public static final EventType<ChannelUpdated> TYPE =
            new EventType<>("channel.updated", Topics.CHANNELS, ChannelUpdated.class, Set.of("channel-service"));
}
