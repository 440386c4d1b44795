package com.plexichat.call.access;

import com.plexichat.platform.security.client.ServiceClients;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what in a channel or a DM, for calls: the replica first; a channel or DM it does not know (yet), or a
 * reader who is not a member, is asked of its owner (channel-service, messaging-service) with this service's
 * credentials. Empty answers mean "not yours to see": callers answer 404.
 */
@Service
public class ConversationAccess {

    public static final String START_CALLS = "start_calls";
    public static final String JOIN_VOICE = "join_voice";

    /** @param permissions the caller's in this channel (none when they only read it, or it is archived) */
    public record ChannelAccess(
            UUID channelId,
            UUID organizationId,
            String type,
            boolean archived,
            boolean member,
            List<String> permissions) {

        public boolean can(String permission) {
            return permissions.contains(permission);
        }

        public boolean voice() {
            return "voice".equals(type);
        }
    }

    /** @param participantIds everybody in the DM, the caller too */
    public record DmAccess(UUID conversationId, List<UUID> participantIds) {}

    private final ChannelReplica replica;
    private final ServiceClients services;
    private final Clock clock;

    ConversationAccess(ChannelReplica replica, ServiceClients services, Clock clock) {
        this.replica = replica;
        this.services = services;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<ChannelAccess> channel(UUID channelId, UUID userId) {
        Optional<ChannelReplica.Channel> known = replica.channel(channelId);
        Optional<List<String>> permissions = known.flatMap(c -> replica.memberPermissions(channelId, userId));
        if (known.isPresent() && permissions.isPresent()) {
            ChannelReplica.Channel channel = known.get();
            return Optional.of(new ChannelAccess(
                    channel.id(),
                    channel.organizationId(),
                    channel.type(),
                    channel.archived(),
                    true,
                    channel.archived() ? List.of() : permissions.get()));
        }
        // Not a member here (or the channel's events have not arrived): channel-service decides.
        return services.find("channel-service", "/internal/channels/{channel}/access/{user}", channelId, userId)
                .filter(data -> data.path("readable").asBoolean(false))
                .map(data -> new ChannelAccess(
                        channelId,
                        uuid(data.path("organization_id")),
                        data.path("type").asString(null),
                        data.path("archived").asBoolean(false),
                        data.path("member").asBoolean(false),
                        data.path("archived").asBoolean(false) ? List.of() : strings(data.path("permissions"))));
    }

    @Transactional(readOnly = true)
    public Optional<DmAccess> dm(UUID conversationId, UUID userId) {
        Optional<List<UUID>> participants = replica.dmParticipants(conversationId);
        if (participants.isPresent()) {
            return participants.get().contains(userId)
                    ? Optional.of(new DmAccess(conversationId, participants.get()))
                    : Optional.empty();
        }
        // A DM opened a moment ago: messaging-service knows its participants already.
        return services.find(
                        "messaging-service",
                        "/internal/conversations/{conversation}/access/{user}",
                        conversationId,
                        userId)
                .filter(data -> "dm".equals(data.path("kind").asString(null))
                        && data.path("member").asBoolean(false))
                .map(data -> {
                    List<UUID> named = new ArrayList<>();
                    data.path("participant_ids").forEach(p -> named.add(UUID.fromString(p.asString())));
                    if (!named.contains(userId)) {
                        named.add(userId);
                    }
                    return new DmAccess(conversationId, List.copyOf(named));
                });
    }

    private static UUID uuid(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : UUID.fromString(node.asString());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return List.copyOf(values);
    }
}
