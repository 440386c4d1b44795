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

    /**
     * Adds the handling of every channel event, applied once each, to a consumer's handlers. Each event carries its
     * channel's version, and is applied only where it is newer than what the replica has: per membership, for the
     * channel's attributes and for its permissions. A retried {@code channel.member-added} that arrives after the
     * {@code channel.member-removed} that followed it changes nothing, and after {@code channel.deleted} no late event
     * brings the channel back.
     */
    static EventHandlers.Builder follow(EventHandlers.Builder handlers, ChannelReplica replica) {
        return handlers.onceByVersion(ChannelCreated.TYPE, (created, versions) -> {
                    if (exists(versions, created.channelId())) {
                        replica.channel(
                                created.channelId(), created.organizationId(), created.type(), created.createdAt());
                        if (versions.advance(permissions(created.channelId()))) {
                            replica.permissions(created.channelId(), created.roles());
                        }
                    }
                })
                .onceByVersion(ChannelUpdated.TYPE, (updated, versions) -> {
                    if (exists(versions, updated.channelId())) {
                        replica.channel(updated.channelId(), updated.organizationId(), null, updated.updatedAt());
                        if (versions.advance(attributes(updated.channelId()))) {
                            replica.archived(updated.channelId(), updated.archived());
                        }
                    }
                })
                .onceByVersion(ChannelArchived.TYPE, (archived, versions) -> {
                    if (exists(versions, archived.channelId())) {
                        replica.channel(archived.channelId(), archived.organizationId(), null, archived.archivedAt());
                        if (versions.advance(attributes(archived.channelId()))) {
                            replica.archived(archived.channelId(), true);
                        }
                    }
                })
                .onceByVersion(ChannelDeleted.TYPE, (deleted, versions) -> {
                    versions.advance(deletedMark(deleted.channelId()));
                    replica.deleted(deleted.channelId());
                })
                .onceByVersion(ChannelMemberAdded.TYPE, (added, versions) -> {
                    if (exists(versions, added.channelId())) {
                        replica.channel(added.channelId(), added.organizationId(), null, added.joinedAt());
                        if (versions.advance(membership(added.channelId(), added.userId()))) {
                            replica.member(
                                    added.channelId(),
                                    added.userId(),
                                    added.role(),
                                    added.permissionRole(),
                                    added.joinedAt());
                        }
                    }
                })
                .onceByVersion(ChannelMemberRemoved.TYPE, (removed, versions) -> {
                    if (versions.advance(membership(removed.channelId(), removed.userId()))) {
                        replica.memberRemoved(removed.channelId(), removed.userId());
                    }
                })
                .onceByVersion(ChannelPermissionsUpdated.TYPE, (updated, versions) -> {
                    if (exists(versions, updated.channelId())) {
                        replica.channel(updated.channelId(), updated.organizationId(), null, updated.updatedAt());
                        if (versions.advance(permissions(updated.channelId()))) {
                            replica.permissions(updated.channelId(), updated.roles());
                        }
                    }
                });
    }

    /** A deleted channel's id is never used again: any event still to come about it is late. */
    private static boolean exists(EventHandlers.Versions versions, UUID channelId) {
        return !versions.seen(deletedMark(channelId));
    }

    private static String attributes(UUID channelId) {
        return "channel:" + channelId;
    }

    private static String permissions(UUID channelId) {
        return "channel:" + channelId + ":permissions";
    }

    private static String membership(UUID channelId, UUID userId) {
        return "channel:" + channelId + ":member:" + userId;
    }

    private static String deletedMark(UUID channelId) {
        return "channel:" + channelId + ":deleted";
    }
}
