package com.plexichat.channel.channel;

import com.plexichat.channel.orgmember.OrgMembers;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.channel.ChannelDeleted;
import com.plexichat.platform.events.channel.ChannelMemberRemoved;
import com.plexichat.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The channel feature's API for the member, permission and access features: who may do what in a channel
 * ({@link Access}), its members and its permission table, and the changes that announce themselves (a member
 * removed, a channel deleted). Whoever may not read a channel gets 404, as if it did not exist. Everything that
 * adds to an organization's channels takes the organization's lock first, then the channel's, as the cascades
 * from org and user events do, so nothing outlives a cascade.
 */
@Service
public class Channels {

    private final ChannelRepository channels;
    private final OrgMembers orgMembers;
    private final EventPublisher events;
    private final Clock clock;

    Channels(ChannelRepository channels, OrgMembers orgMembers, EventPublisher events, Clock clock) {
        this.channels = channels;
        this.orgMembers = orgMembers;
        this.events = events;
        this.clock = clock;
    }

    // --- access ---------------------------------------------------------------------------------

    /** The caller's access to a channel they may read; 404 otherwise. */
    public Access readable(UUID id, CurrentUser caller) {
        Access access = access(id, caller.id());
        if (!access.readable()) {
            throw notFound();
        }
        return access;
    }

    /** As {@link #readable}, with the organization's lock and then the channel's held until commit. */
    public Access lockedReadable(UUID id, CurrentUser caller) {
        Channel channel = channels.find(id).orElseThrow(Channels::notFound);
        orgMembers.lock(channel.organizationId());
        channels.lock(id).orElseThrow(Channels::notFound);
        return readable(id, caller);
    }

    /** Any user's access to an existing channel (404 for none), readable or not. */
    public Access access(UUID id, UUID userId) {
        Channel channel = channels.find(id).orElseThrow(Channels::notFound);
        Optional<ChannelMember> member = channels.member(id, userId);
        // A member's organization role is in the replica (they joined through it); org-service is asked
        // only about users the replica does not know in the organization.
        Optional<String> orgRole = member.isPresent()
                ? orgMembers.replicaRole(channel.organizationId(), userId)
                : orgMembers.role(channel.organizationId(), userId);
        return Access.of(userId, channel, orgRole, member, channels.permissions(id));
    }

    /** For another service: the replica's view of the user's organization role (no user token here). */
    public Optional<Access> accessOf(UUID channelId, UUID userId) {
        return channels.find(channelId)
                .map(channel -> Access.of(
                        userId,
                        channel,
                        orgMembers.replicaRole(channel.organizationId(), userId),
                        channels.member(channelId, userId),
                        channels.permissions(channelId)));
    }

    public static void require(Access access, String permission) {
        if (!access.can(permission)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Needs the permission " + permission);
        }
    }

    public static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "Channel not found");
    }

    // --- members --------------------------------------------------------------------------------

    public Optional<ChannelMember> member(UUID channelId, UUID userId) {
        return channels.member(channelId, userId);
    }

    public List<ChannelMember> members(UUID channelId, long offset, int limit) {
        return channels.members(channelId, offset, limit);
    }

    public long countMembers(UUID channelId) {
        return channels.countMembers(channelId);
    }

    /** @return false when already a member */
    public boolean addMember(UUID channelId, UUID userId, String role, String permissionRole, Instant now) {
        return channels.addMember(channelId, userId, role, permissionRole, now);
    }

    /** Removes the member, if they are one, and says so ({@code channel.member-removed} with the reason). */
    public void removeMember(Channel channel, UUID userId, String reason) {
        if (channels.removeMember(channel.id(), userId)) {
            events.publish(
                    ChannelMemberRemoved.TYPE,
                    channel.id().toString(),
                    new ChannelMemberRemoved(channel.id(), channel.organizationId(), userId, reason, clock.instant()));
        }
    }

    /** The user's channels, in one organization or (null) in all. */
    public List<ChannelMembership> membershipsOf(UUID userId, UUID organizationId) {
        return channels.membershipsOf(userId, organizationId);
    }

    public Optional<Channel> find(UUID id) {
        return channels.find(id);
    }

    // --- permissions ----------------------------------------------------------------------------

    /** The channel's table: role to permissions. */
    public Map<String, List<String>> permissions(UUID channelId) {
        return channels.permissions(channelId);
    }

    public void setPermissions(UUID channelId, String role, List<String> permissions) {
        channels.setPermissions(channelId, role, permissions);
    }

    // --- deletion -------------------------------------------------------------------------------

    /** Deletes the channel, its members and permissions with it, and says so ({@code channel.deleted}). */
    public void delete(Channel channel) {
        channels.delete(channel.id());
        events.publish(
                ChannelDeleted.TYPE,
                channel.id().toString(),
                new ChannelDeleted(channel.id(), channel.organizationId(), clock.instant()));
    }

    /** A deleted organization takes its channels. */
    @Transactional
    public void organizationDeleted(UUID organizationId) {
        orgMembers.lock(organizationId);
        orgMembers.organizationDeleted(organizationId, clock.instant());
        for (UUID channelId : channels.channelsOf(organizationId)) {
            channels.find(channelId).ifPresent(this::delete);
        }
    }
}
