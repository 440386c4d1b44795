package com.plexichat.channel.channel;

import com.plexichat.channel.channel.ChannelRepository.Channel;
import com.plexichat.channel.channel.ChannelRepository.Filter;
import com.plexichat.channel.channel.ChannelRepository.Listed;
import com.plexichat.channel.channel.ChannelRepository.Member;
import com.plexichat.channel.channel.ChannelRepository.Membership;
import com.plexichat.channel.orgmember.OrgMembers;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.api.Pagination;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.channel.ChannelArchived;
import com.plexichat.platform.events.channel.ChannelCreated;
import com.plexichat.platform.events.channel.ChannelDeleted;
import com.plexichat.platform.events.channel.ChannelMemberAdded;
import com.plexichat.platform.events.channel.ChannelMemberRemoved;
import com.plexichat.platform.events.channel.ChannelPermissionsUpdated;
import com.plexichat.platform.events.channel.ChannelUpdated;
import com.plexichat.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Channels, their members and permissions. Whoever may not read a channel gets 404, as if it did not
 * exist. Everything that adds to an organization's channels takes the organization's lock first, then
 * the channel's, as the cascades from org and user events do, so nothing outlives a cascade.
 */
@Service
class ChannelService {

    static final String PRIVATE = "private";

    private final ChannelRepository channels;
    private final OrgMembers orgMembers;
    private final EventPublisher events;
    private final Clock clock;

    ChannelService(ChannelRepository channels, OrgMembers orgMembers, EventPublisher events, Clock clock) {
        this.channels = channels;
        this.orgMembers = orgMembers;
        this.events = events;
        this.clock = clock;
    }

    record Page<T>(List<T> items, Pagination pagination) {}

    /** A channel as the caller sees it: {@code me} is their membership and what they may do. */
    record ChannelResponse(
            UUID id,
            UUID organizationId,
            String name,
            String topic,
            String type,
            boolean archived,
            UUID createdBy,
            long memberCount,
            Instant createdAt,
            Instant updatedAt,
            Me me) {

        static ChannelResponse of(Channel c, Me me) {
            return new ChannelResponse(
                    c.id(),
                    c.organizationId(),
                    c.name(),
                    c.topic(),
                    c.type(),
                    c.archived(),
                    c.createdBy(),
                    c.memberCount(),
                    c.createdAt(),
                    c.updatedAt(),
                    me);
        }
    }

    /** @param role the caller's channel role (admin, member) or null when not a member */
    record Me(boolean member, String role, List<String> permissions) {

        static Me of(Access access) {
            return new Me(
                    access.member().isPresent(),
                    access.member().map(Member::role).orElse(null),
                    access.permissions());
        }
    }

    record MemberResponse(UUID userId, String role, Instant joinedAt) {

        static MemberResponse of(Member member) {
            return new MemberResponse(member.userId(), member.role(), member.joinedAt());
        }
    }

    record PermissionsResponse(UUID channelId, Map<String, List<String>> roles, List<String> available) {}

    @Transactional
    ChannelResponse create(ChannelController.CreateChannel request, CurrentUser caller) {
        if (caller.apiKey()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Channels are created by users, not API keys");
        }
        UUID organizationId = request.organizationId();
        orgMembers.lock(organizationId);
        String orgRole = orgMembers
                .role(organizationId, caller.id())
                .orElseThrow(() -> new ApiException(
                        ErrorCode.NOT_FOUND, "Organization not found", Map.of("field", "organization_id")));
        if (Permissions.GUEST.equals(orgRole)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Guests of an organization do not create channels");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String name = request.name().strip();
        String topic = blankToNull(request.topic());
        if (!channels.insert(id, organizationId, name, request.type(), topic, caller.id(), now)) {
            throw nameTaken();
        }
        Map<String, List<String>> table = Permissions.defaults(request.type());
        table.forEach((role, permissions) -> channels.setPermissions(id, role, permissions));
        channels.addMember(id, caller.id(), Permissions.ADMIN, Permissions.ADMIN, now);
        events.publish(
                ChannelCreated.TYPE,
                id.toString(),
                new ChannelCreated(id, organizationId, name, request.type(), topic, caller.id(), table, now));
        events.publish(
                ChannelMemberAdded.TYPE,
                id.toString(),
                new ChannelMemberAdded(id, organizationId, caller.id(), Permissions.ADMIN, Permissions.ADMIN, now));
        return view(access(id, caller.id()));
    }

    @Transactional(readOnly = true)
    Page<ChannelResponse> list(CurrentUser caller, Filter filter, PageQuery page) {
        String orgRole = null;
        if (filter.organizationId() != null) {
            orgRole = orgMembers.role(filter.organizationId(), caller.id()).orElse(null);
            if (orgRole == null
                    && channels.membershipsOf(caller.id(), filter.organizationId())
                            .isEmpty()) {
                throw new ApiException(
                        ErrorCode.NOT_FOUND, "Organization not found", Map.of("field", "organization_id"));
            }
        }
        List<ChannelResponse> items =
                channels.readable(caller.id(), filter, orgRole, page.offset(), page.perPage()).stream()
                        .map(ChannelService::view)
                        .toList();
        return new Page<>(items, Pagination.of(page, channels.countReadable(caller.id(), filter, orgRole)));
    }

    @Transactional(readOnly = true)
    ChannelResponse get(UUID id, CurrentUser caller) {
        return view(readable(id, caller));
    }

    @Transactional
    ChannelResponse update(UUID id, ChannelController.UpdateChannel request, CurrentUser caller) {
        Access access = readable(id, caller);
        require(access, Permissions.MANAGE_CHANNEL);
        Channel current = access.channel();
        String name = request.name() == null ? current.name() : request.name().strip();
        if (name.isEmpty()) {
            throw ApiException.invalid("name", "must not be blank");
        }
        String topic = request.topic() == null ? current.topic() : blankToNull(request.topic());
        boolean archived = request.archived() == null ? current.archived() : request.archived();
        Instant now = clock.instant();
        if (!channels.update(id, name, topic, archived, now)) {
            throw nameTaken();
        }
        UUID organizationId = current.organizationId();
        events.publish(
                ChannelUpdated.TYPE, id.toString(), new ChannelUpdated(id, organizationId, name, topic, archived, now));
        if (archived && !current.archived()) {
            events.publish(
                    ChannelArchived.TYPE, id.toString(), new ChannelArchived(id, organizationId, caller.id(), now));
        }
        return view(access(id, caller.id()));
    }

    @Transactional
    void delete(UUID id, CurrentUser caller) {
        Access access = readable(id, caller);
        if (!access.isChannelAdmin() && !access.isOrgOwner()) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN, "Only a channel admin or the organization's owner deletes a channel");
        }
        deleteChannel(access.channel());
    }

    @Transactional(readOnly = true)
    Page<MemberResponse> members(UUID id, CurrentUser caller, PageQuery page) {
        readable(id, caller);
        return new Page<>(
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
    MemberResponse addMember(UUID id, ChannelController.AddMember request, CurrentUser caller) {
        Access access = lockedReadable(id, caller);
        Channel channel = access.channel();
        boolean self = request.userId().equals(caller.id());
        boolean open = !PRIVATE.equals(channel.type()) && !access.isOrgGuest();
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
        Access access = lockedReadable(id, caller);
        Member target = channels.member(id, userId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Not a member of the channel"));
        boolean self = userId.equals(caller.id());
        if (!self) {
            require(access, Permissions.MANAGE_MEMBERS);
            if (Permissions.ADMIN.equals(target.role()) && !access.administers()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "Only channel or organization admins remove an admin");
            }
        }
        removeMember(access.channel(), userId, self ? "left" : "removed");
    }

    @Transactional(readOnly = true)
    PermissionsResponse permissions(UUID id, CurrentUser caller) {
        readable(id, caller);
        return new PermissionsResponse(id, channels.permissions(id), Permissions.ALL);
    }

    /** Replaces the permissions of the roles given; the others keep theirs. */
    @Transactional
    PermissionsResponse updatePermissions(UUID id, Map<String, List<String>> roles, CurrentUser caller) {
        Access access = lockedReadable(id, caller);
        if (!access.administers()) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN, "Only channel or organization admins change a channel's permissions");
        }
        Map<String, List<String>> changes = validate(roles);
        changes.forEach((role, permissions) -> channels.setPermissions(id, role, permissions));
        Map<String, List<String>> table = channels.permissions(id);
        events.publish(
                ChannelPermissionsUpdated.TYPE,
                id.toString(),
                new ChannelPermissionsUpdated(id, access.channel().organizationId(), table, clock.instant()));
        return new PermissionsResponse(id, table, Permissions.ALL);
    }

    /** For another service: the replica's view of the user's organization role (no user token here). */
    @Transactional(readOnly = true)
    Optional<Access> accessOf(UUID channelId, UUID userId) {
        return channels.find(channelId)
                .map(channel -> Access.of(
                        userId,
                        channel,
                        orgMembers.replicaRole(channel.organizationId(), userId),
                        channels.member(channelId, userId),
                        channels.permissions(channelId)));
    }

    // --- cascades from org-service and auth-service events --------------------------------------

    /** The user left (or was removed from) the organization: they leave its channels. */
    @Transactional
    void leftOrganization(UUID organizationId, UUID userId) {
        orgMembers.lock(organizationId);
        orgMembers.removed(organizationId, userId);
        for (Membership membership : channels.membershipsOf(userId, organizationId)) {
            channels.find(membership.channelId())
                    .ifPresent(channel -> removeMember(channel, userId, "left-organization"));
        }
    }

    @Transactional
    void organizationDeleted(UUID organizationId) {
        orgMembers.lock(organizationId);
        orgMembers.organizationDeleted(organizationId, clock.instant());
        for (UUID channelId : channels.channelsOf(organizationId)) {
            channels.find(channelId).ifPresent(this::deleteChannel);
        }
    }

    @Transactional
    void userDeleted(UUID userId) {
        for (Membership membership : channels.membershipsOf(userId, null)) {
            orgMembers.lock(membership.organizationId());
            channels.find(membership.channelId()).ifPresent(channel -> removeMember(channel, userId, "user-deleted"));
        }
        orgMembers.userDeleted(userId);
    }

    // --- helpers ----------------------------------------------------------------------------

    private void deleteChannel(Channel channel) {
        channels.delete(channel.id());
        events.publish(
                ChannelDeleted.TYPE,
                channel.id().toString(),
                new ChannelDeleted(channel.id(), channel.organizationId(), clock.instant()));
    }

    private void removeMember(Channel channel, UUID userId, String reason) {
        if (channels.removeMember(channel.id(), userId)) {
            events.publish(
                    ChannelMemberRemoved.TYPE,
                    channel.id().toString(),
                    new ChannelMemberRemoved(channel.id(), channel.organizationId(), userId, reason, clock.instant()));
        }
    }

    private Access readable(UUID id, CurrentUser caller) {
        Access access = access(id, caller.id());
        if (!access.readable()) {
            throw notFound();
        }
        return access;
    }

    /** As {@link #readable}, with the organization's lock and then the channel's held until commit. */
    private Access lockedReadable(UUID id, CurrentUser caller) {
        Channel channel = channels.find(id).orElseThrow(ChannelService::notFound);
        orgMembers.lock(channel.organizationId());
        channels.lock(id).orElseThrow(ChannelService::notFound);
        return readable(id, caller);
    }

    private Access access(UUID id, UUID userId) {
        Channel channel = channels.find(id).orElseThrow(ChannelService::notFound);
        Optional<Member> member = channels.member(id, userId);
        // A member's organization role is in the replica (they joined through it); org-service is asked
        // only about users the replica does not know in the organization.
        Optional<String> orgRole = member.isPresent()
                ? orgMembers.replicaRole(channel.organizationId(), userId)
                : orgMembers.role(channel.organizationId(), userId);
        return Access.of(userId, channel, orgRole, member, channels.permissions(id));
    }

    private static ChannelResponse view(Access access) {
        return ChannelResponse.of(access.channel(), Me.of(access));
    }

    private static ChannelResponse view(Listed listed) {
        List<String> permissions =
                Access.effective(listed.channel(), listed.orgRole(), listed.member(), listed.rolePermissions());
        return ChannelResponse.of(
                listed.channel(),
                new Me(
                        listed.member().isPresent(),
                        listed.member().map(Member::role).orElse(null),
                        permissions));
    }

    private static Map<String, List<String>> validate(Map<String, List<String>> roles) {
        Map<String, List<String>> changes = new LinkedHashMap<>();
        roles.forEach((role, permissions) -> {
            if (!Permissions.ROLES.contains(role)) {
                throw ApiException.invalid("roles." + role, "unknown role; roles are " + Permissions.ROLES);
            }
            if (Permissions.ADMIN.equals(role)) {
                throw new ApiException(
                        ErrorCode.BUSINESS_RULE_VIOLATION,
                        "The admin role always has every permission",
                        Map.of("field", "roles.admin"));
            }
            if (permissions == null) {
                throw ApiException.invalid("roles." + role, "must be a list of permissions");
            }
            for (String permission : permissions) {
                if (!Permissions.ALL.contains(permission)) {
                    throw ApiException.invalid(
                            "roles." + role,
                            "unknown permission " + permission + "; permissions are " + Permissions.ALL);
                }
            }
            changes.put(role, Permissions.ordered(permissions));
        });
        return changes;
    }

    private static void require(Access access, String permission) {
        if (!access.can(permission)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Needs the permission " + permission);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "Channel not found");
    }

    private static ApiException nameTaken() {
        return new ApiException(
                ErrorCode.CONFLICT, "The organization has a channel of that name", Map.of("field", "name"));
    }
}
