package com.plexichat.channel.channel;

import com.plexichat.channel.channel.ChannelRepository.Listed;
import com.plexichat.channel.orgmember.OrgMembers;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.api.Pagination;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.channel.ChannelArchived;
import com.plexichat.platform.events.channel.ChannelCreated;
import com.plexichat.platform.events.channel.ChannelMemberAdded;
import com.plexichat.platform.events.channel.ChannelUpdated;
import com.plexichat.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Channels: creating one (its creator its first admin, its type's default permissions), listing what the caller
 * may read, reading, renaming, archiving and deleting. Who may do what comes from {@link Channels}.
 */
@Service
class ChannelService {

    private final ChannelRepository repository;
    private final Channels channels;
    private final OrgMembers orgMembers;
    private final EventPublisher events;
    private final Clock clock;

    ChannelService(
            ChannelRepository repository,
            Channels channels,
            OrgMembers orgMembers,
            EventPublisher events,
            Clock clock) {
        this.repository = repository;
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
                    access.member().map(ChannelMember::role).orElse(null),
                    access.permissions());
        }
    }

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
        if (!repository.insert(id, organizationId, name, request.type(), topic, caller.id(), now)) {
            throw nameTaken();
        }
        Map<String, List<String>> table = Permissions.defaults(request.type());
        table.forEach((role, permissions) -> repository.setPermissions(id, role, permissions));
        repository.addMember(id, caller.id(), Permissions.ADMIN, Permissions.ADMIN, now);
        events.publish(
                ChannelCreated.TYPE,
                id.toString(),
                new ChannelCreated(id, organizationId, name, request.type(), topic, caller.id(), table, now));
        events.publish(
                ChannelMemberAdded.TYPE,
                id.toString(),
                new ChannelMemberAdded(id, organizationId, caller.id(), Permissions.ADMIN, Permissions.ADMIN, now));
        return view(channels.access(id, caller.id()));
    }

    @Transactional(readOnly = true)
    Page<ChannelResponse> list(CurrentUser caller, ChannelFilter filter, PageQuery page) {
        String orgRole = null;
        if (filter.organizationId() != null) {
            orgRole = orgMembers.role(filter.organizationId(), caller.id()).orElse(null);
            if (orgRole == null
                    && repository
                            .membershipsOf(caller.id(), filter.organizationId())
                            .isEmpty()) {
                throw new ApiException(
                        ErrorCode.NOT_FOUND, "Organization not found", Map.of("field", "organization_id"));
            }
        }
        List<ChannelResponse> items =
                repository.readable(caller.id(), filter, orgRole, page.offset(), page.perPage()).stream()
                        .map(ChannelService::view)
                        .toList();
        return new Page<>(items, Pagination.of(page, repository.countReadable(caller.id(), filter, orgRole)));
    }

    @Transactional(readOnly = true)
    ChannelResponse get(UUID id, CurrentUser caller) {
        return view(channels.readable(id, caller));
    }

    @Transactional
    ChannelResponse update(UUID id, ChannelController.UpdateChannel request, CurrentUser caller) {
        Access access = channels.readable(id, caller);
        Channels.require(access, Permissions.MANAGE_CHANNEL);
        Channel current = access.channel();
        String name = request.name() == null ? current.name() : request.name().strip();
        if (name.isEmpty()) {
            throw ApiException.invalid("name", "must not be blank");
        }
        String topic = request.topic() == null ? current.topic() : blankToNull(request.topic());
        boolean archived = request.archived() == null ? current.archived() : request.archived();
        Instant now = clock.instant();
        if (!repository.update(id, name, topic, archived, now)) {
            throw nameTaken();
        }
        UUID organizationId = current.organizationId();
        events.publish(
                ChannelUpdated.TYPE, id.toString(), new ChannelUpdated(id, organizationId, name, topic, archived, now));
        if (archived && !current.archived()) {
            events.publish(
                    ChannelArchived.TYPE, id.toString(), new ChannelArchived(id, organizationId, caller.id(), now));
        }
        return view(channels.access(id, caller.id()));
    }

    @Transactional
    void delete(UUID id, CurrentUser caller) {
        Access access = channels.readable(id, caller);
        if (!access.isChannelAdmin() && !access.isOrgOwner()) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN, "Only a channel admin or the organization's owner deletes a channel");
        }
        channels.delete(access.channel());
    }

    // --- helpers ----------------------------------------------------------------------------

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
                        listed.member().map(ChannelMember::role).orElse(null),
                        permissions));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static ApiException nameTaken() {
        return new ApiException(
                ErrorCode.CONFLICT, "The organization has a channel of that name", Map.of("field", "name"));
    }
}
