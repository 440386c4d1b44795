package com.plexichat.platform.events.channel;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A channel was created in an organization, with the permissions of its roles ({@code roles}: role to
 * permissions); its creator joins it as admin ({@code channel.member-added}).
 */
public record ChannelCreated(
        UUID channelId,
        UUID organizationId,
        String name,
        String type,
        String topic,
        UUID createdBy,
        Map<String, List<String>> roles,
        Instant createdAt) {

    public static final EventType<ChannelCreated> TYPE =
            new EventType<>("channel.created", Topics.CHANNELS, ChannelCreated.class, Set.of("channel-service"));
}
