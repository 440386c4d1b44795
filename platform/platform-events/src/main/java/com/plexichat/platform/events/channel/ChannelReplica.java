package com.plexichat.platform.events.channel;

import com.plexichat.platform.events.EventHandlers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A service's copy of channel-service's channels, members and permissions, kept from its events. The services that
 * decide access locally (messaging, file and call) implement the store; {@link #follow} turns the channel events
 * into its calls, the same way for all of them. A channel's events arrive in order (keyed by its id), each once.
 */
public interface ChannelReplica {

    /**
     * The channel exists: created, or first heard of through a later event (its creation may be long gone from the
     * topic), so every event about a channel makes its row first.
     *
     * @param type {@code public} or {@code private}; null when the event does not say
     * @param at when the channel was created, or when the event was
     */
    void channel(UUID channelId, UUID organizationId, String type, Instant at);

    void archived(UUID channelId, boolean archived);

    /** The channel and everything the replica keeps of it go. */
    void deleted(UUID channelId);

    /** @param role {@code admin} or {@code member}; @param permissionRole whose permissions the member has */
    void member(UUID channelId, UUID userId, String role, String permissionRole, Instant joinedAt);

    void memberRemoved(UUID channelId, UUID userId);

    /** Each role's permissions, as channel-service now has them. */
    void permissions(UUID channelId, Map<String, List<String>> roles);

    /** Adds the handling of every channel event, applied once each, to a consumer's handlers. */
    static EventHandlers.Builder follow(EventHandlers.Builder handlers, ChannelReplica replica) {
        return handlers.once(ChannelCreated.TYPE, created -> {
                    replica.channel(created.channelId(), created.organizationId(), created.type(), created.createdAt());
                    replica.permissions(created.channelId(), created.roles());
                })
                .once(ChannelUpdated.TYPE, updated -> {
                    replica.channel(updated.channelId(), updated.organizationId(), null, updated.updatedAt());
                    replica.archived(updated.channelId(), updated.archived());
                })
                .once(ChannelArchived.TYPE, archived -> {
                    replica.channel(archived.channelId(), archived.organizationId(), null, archived.archivedAt());
                    replica.archived(archived.channelId(), true);
                })
                .once(ChannelDeleted.TYPE, deleted -> replica.deleted(deleted.channelId()))
                .once(ChannelMemberAdded.TYPE, added -> {
                    replica.channel(added.channelId(), added.organizationId(), null, added.joinedAt());
                    replica.member(
                            added.channelId(), added.userId(), added.role(), added.permissionRole(), added.joinedAt());
                })
                .once(
                        ChannelMemberRemoved.TYPE,
                        removed -> replica.memberRemoved(removed.channelId(), removed.userId()))
                .once(ChannelPermissionsUpdated.TYPE, updated -> {
                    replica.channel(updated.channelId(), updated.organizationId(), null, updated.updatedAt());
                    replica.permissions(updated.channelId(), updated.roles());
                });
    }
}
