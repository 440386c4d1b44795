package com.plexichat.channel.member;

import com.plexichat.channel.channel.Access;
import com.plexichat.channel.channel.Channel;
import com.plexichat.channel.channel.ChannelMember;
import com.plexichat.channel.channel.ChannelMembership;
import com.plexichat.channel.channel.Channels;
import com.plexichat.channel.channel.Permissions;
import com.plexichat.channel.orgmember.OrgMembers;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.api.Pagination;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.channel.ChannelMemberAdded;
import com.plexichat.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Channel members: listing, joining and adding, leaving and removing, and the removals that follow from an
 * organization's or a user's end (org-service's and auth-service's events).
 */
@Service
class MemberService {

    private final Channels channels;
    private final OrgMembers orgMembers;
    private final EventPublisher events;
    private final Clock clock;

    MemberService(Channels channels, OrgMembers orgMembers, EventPublisher events, Clock clock) {
        this.channels = channels;
        this.orgMembers = orgMembers;
        this.events = events;
        this.clock = clock;
    }

    record Page(List<MemberResponse> items, Pagination pagination) {}

    @Transactional(readOnly = true)
    Page members(UUID id, CurrentUser caller, PageQuery page) {
        channels.readable(id, caller);
        return new Page(
                channels.members(id, page.offset(), page.perPage()).stream()
                        .map(MemberResponse::of)
                        .toList(),
                Pagination.of(page, channels.countMembers(id)));
    }

    /**
     * Adds an organization member. Joining (adding oneself) a public or voice channel is open to the
     * organization's members; adding someone else needs {@code manage_members} in a private channel,
     * and in others being a member who is not a guest; only those who administer the channel add admins.
     */
    @Transactional
    MemberResponse addMember(UUID id, MemberController.AddMember request, CurrentUser caller) {
        Access access = channels.lockedReadable(id, caller);
        Channel channel = access.channel();
        boolean self = request.userId().equals(caller.id());
        boolean open = !channel.isPrivate() && !access.isOrgGuest();
        boolean allowed = access.can(Permissions.MANAGE_MEMBERS)
                || (open && (self || access.member().isPresent()));
        if (!allowed) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Needs the permission " + Permissions.MANAGE_MEMBERS);
        }
        String role = request.role() == null ? Permissions.MEMBER : request.role();
        if (Permissions.ADMIN.equals(role) && !access.administers()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only channel or organization admins add channel admins");
        }
        String targetOrgRole = self
                ? access.orgRole().orElseThrow()
                : orgMembers
                        .role(channel.organizationId(), request.userId())
                        .orElseThrow(() -> new ApiException(
                                ErrorCode.NOT_FOUND,
                                "Not a member of the channel's organization",
                                Map.of("field", "user_id")));
        if (Permissions.GUEST.equals(targetOrgRole) && Permissions.ADMIN.equals(role)) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION,
                    "A guest of the organization cannot be a channel admin",
                    Map.of("field", "role"));
        }
        String permissionRole = Permissions.ADMIN.equals(role)
                ? Permissions.ADMIN
                : Permissions.GUEST.equals(targetOrgRole) ? Permissions.GUEST : Permissions.MEMBER;
        Instant now = clock.instant();
        if (!channels.addMember(id, request.userId(), role, permissionRole, now)) {
            throw new ApiException(ErrorCode.CONFLICT, "Already a member", Map.of("field", "user_id"));
        }
        events.publish(
                ChannelMemberAdded.TYPE,
                id.toString(),
                new ChannelMemberAdded(id, channel.organizationId(), request.userId(), role, permissionRole, now));
        return MemberResponse.of(channels.member(id, request.userId()).orElseThrow());
    }

    /** Leaving is always allowed; removing someone else needs {@code manage_members}, an admin more. */
    @Transactional
    void removeMember(UUID id, UUID userId, CurrentUser caller) {
        Access access = channels.lockedReadable(id, caller);
        ChannelMember target = channels.member(id, userId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Not a member of the channel"));
        boolean self = userId.equals(caller.id());
        if (!self) {
            Channels.require(access, Permissions.MANAGE_MEMBERS);
            if (Permissions.ADMIN.equals(target.role()) && !access.administers()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "Only channel or organization admins remove an admin");
            }
        }
        channels.removeMember(access.channel(), userId, self ? "left" : "removed");
    }

    // --- cascades from org-service and auth-service events --------------------------------------

    /** The user left (or was removed from) the organization: they leave its channels. */
    @Transactional
    void leftOrganization(UUID organizationId, UUID userId) {
        orgMembers.lock(organizationId);
        orgMembers.removed(organizationId, userId);
        for (ChannelMembership membership : channels.membershipsOf(userId, organizationId)) {
            channels.find(membership.channelId())
                    .ifPresent(channel -> channels.removeMember(channel, userId, "left-organization"));
        }
    }

    @Transactional
    void userDeleted(UUID userId) {
        for (ChannelMembership membership : channels.membershipsOf(userId, null)) {
            orgMembers.lock(membership.organizationId());
            channels.find(membership.channelId())
                    .ifPresent(channel -> channels.removeMember(channel, userId, "user-deleted"));
        }
        orgMembers.userDeleted(userId);
    }
}
