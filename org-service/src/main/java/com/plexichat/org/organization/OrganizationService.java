package com.plexichat.org.organization;

import com.plexichat.org.knownuser.KnownUsers;
import com.plexichat.org.organization.OrganizationRepository.Counted;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.api.Pagination;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.org.OrgCreated;
import com.plexichat.platform.events.org.OrgDeleted;
import com.plexichat.platform.events.org.OrgMemberAdded;
import com.plexichat.platform.events.org.OrgMemberRemoved;
import com.plexichat.platform.events.org.OrgUpdated;
import com.plexichat.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organizations and their members. Members read; owners and admins manage; the owner deletes.
 * Non-members get 404, as if the organization did not exist. Every change is published through the
 * outbox in its transaction.
 */
@Service
class OrganizationService {

    static final String OWNER = "owner";
    static final String ADMIN = "admin";

    private final OrganizationRepository organizations;
    private final MembershipRepository memberships;
    private final KnownUsers knownUsers;
    private final EventPublisher events;
    private final Clock clock;

    OrganizationService(
            OrganizationRepository organizations,
            MembershipRepository memberships,
            KnownUsers knownUsers,
            EventPublisher events,
            Clock clock) {
        this.organizations = organizations;
        this.memberships = memberships;
        this.knownUsers = knownUsers;
        this.events = events;
        this.clock = clock;
    }

    record Page<T>(List<T> items, Pagination pagination) {}

    @Transactional(readOnly = true)
    Page<OrganizationResponse> mine(CurrentUser caller, PageQuery page) {
        return new Page<>(
                organizations.ofUser(caller.id(), pageable(page)).stream()
                        .map(OrganizationResponse::of)
                        .toList(),
                Pagination.of(page, memberships.countByUserId(caller.id())));
    }

    @Transactional
    OrganizationResponse create(OrganizationController.CreateOrganization request, CurrentUser caller) {
        requirePerson(caller);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String name = request.name().strip();
        try {
            organizations.saveAndFlush(
                    new Organization(id, name, request.slug(), request.description(), caller.id(), now));
        } catch (DataIntegrityViolationException e) {
            throw slugTaken();
        }
        memberships.save(new Membership(id, caller.id(), OWNER, now));
        events.publish(OrgCreated.TYPE, id.toString(), new OrgCreated(id, name, request.slug(), caller.id(), now));
        events.publish(OrgMemberAdded.TYPE, id.toString(), new OrgMemberAdded(id, caller.id(), OWNER, now));
        return OrganizationResponse.of(organizations.findCounted(id).orElseThrow());
    }

    @Transactional(readOnly = true)
    OrganizationResponse get(UUID id, CurrentUser caller) {
        return OrganizationResponse.of(visible(id, caller));
    }

    @Transactional
    OrganizationResponse update(UUID id, OrganizationController.UpdateOrganization request, CurrentUser caller) {
        Organization current = visible(id, caller).organization();
        requireRole(id, caller, OWNER, ADMIN);
        String name = request.name() == null ? current.name() : request.name().strip();
        String slug = request.slug() == null ? current.slug() : request.slug();
        String description = request.description() == null ? current.description() : request.description();
        Instant now = clock.instant();
        current.change(name, slug, description, now);
        try {
            organizations.flush();
        } catch (DataIntegrityViolationException e) {
            throw slugTaken();
        }
        events.publish(OrgUpdated.TYPE, id.toString(), new OrgUpdated(id, name, slug, description, now));
        return OrganizationResponse.of(organizations.findCounted(id).orElseThrow());
    }

    @Transactional
    void delete(UUID id, CurrentUser caller) {
        visible(id, caller);
        requireRole(id, caller, OWNER);
        // Its members go with it (on delete cascade).
        organizations.deleteById(id);
        events.publish(OrgDeleted.TYPE, id.toString(), new OrgDeleted(id, clock.instant()));
    }

    @Transactional(readOnly = true)
    Page<MemberResponse> members(UUID id, CurrentUser caller, PageQuery page) {
        visible(id, caller);
        return new Page<>(
                memberships.findByOrganizationIdOrderByJoinedAtAscUserIdAsc(id, pageable(page)).stream()
                        .map(MemberResponse::of)
                        .toList(),
                Pagination.of(page, memberships.countByOrganizationId(id)));
    }

    /** One member, for members. */
    @Transactional(readOnly = true)
    MemberResponse member(UUID id, UUID userId, CurrentUser caller) {
        visible(id, caller);
        return memberships
                .findByOrganizationIdAndUserId(id, userId)
                .map(MemberResponse::of)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Not a member"));
    }

    /** One membership as another service sees it. */
    record MembershipResponse(UUID organizationId, UUID userId, String role, Instant joinedAt) {}

    /** For services (no caller to show it to): 404 for an unknown organization or a non-member. */
    @Transactional(readOnly = true)
    MembershipResponse memberOf(UUID id, UUID userId) {
        organizations.findById(id).orElseThrow(OrganizationService::notFound);
        Membership member = memberships
                .findByOrganizationIdAndUserId(id, userId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Not a member"));
        return new MembershipResponse(id, member.userId(), member.role(), member.joinedAt());
    }

    @Transactional
    MemberResponse addMember(UUID id, OrganizationController.AddMember request, CurrentUser caller) {
        organizations.lock(id).orElseThrow(OrganizationService::notFound);
        visible(id, caller);
        String callerRole = requireRole(id, caller, OWNER, ADMIN);
        if (OWNER.equals(request.role()) && !OWNER.equals(callerRole)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only an owner makes another owner");
        }
        if (!knownUsers.exists(request.userId())) {
            throw new ApiException(ErrorCode.NOT_FOUND, "User not found", Map.of("field", "user_id"));
        }
        Instant now = clock.instant();
        // Under the organization's lock: no other request adds this member between the check and the insert.
        if (memberships.existsById(new Membership.Key(id, request.userId()))) {
            throw new ApiException(ErrorCode.CONFLICT, "Already a member", Map.of("field", "user_id"));
        }
        Membership added = memberships.save(new Membership(id, request.userId(), request.role(), now));
        events.publish(
                OrgMemberAdded.TYPE, id.toString(), new OrgMemberAdded(id, request.userId(), request.role(), now));
        return MemberResponse.of(added);
    }

    /** Owners and admins remove members (only owners remove owners); anyone may leave; never the last owner. */
    @Transactional
    void removeMember(UUID id, UUID userId, CurrentUser caller) {
        organizations.lock(id).orElseThrow(OrganizationService::notFound);
        visible(id, caller);
        Membership target = memberships
                .findByOrganizationIdAndUserId(id, userId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Not a member"));
        if (!userId.equals(caller.id())) {
            String callerRole = requireRole(id, caller, OWNER, ADMIN);
            if (OWNER.equals(target.role()) && !OWNER.equals(callerRole)) {
                throw new ApiException(ErrorCode.FORBIDDEN, "Only an owner removes an owner");
            }
        }
        if (OWNER.equals(target.role()) && memberships.countByOrganizationIdAndRole(id, OWNER) == 1) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION,
                    "The last owner cannot leave; make another member owner or delete the organization");
        }
        remove(id, target);
    }

    /** A deleted user leaves every organization (an organization left without owner keeps its admins). */
    @Transactional
    void removeEverywhere(UUID userId) {
        for (UUID organizationId : memberships.organizationsOf(userId)) {
            memberships
                    .findByOrganizationIdAndUserId(organizationId, userId)
                    .ifPresent(member -> remove(organizationId, member));
        }
    }

    private void remove(UUID organizationId, Membership member) {
        memberships.delete(member);
        events.publish(
                OrgMemberRemoved.TYPE,
                organizationId.toString(),
                new OrgMemberRemoved(organizationId, member.userId(), member.role(), clock.instant()));
    }

    private Counted visible(UUID id, CurrentUser caller) {
        Counted organization = organizations.findCounted(id).orElseThrow(OrganizationService::notFound);
        if (memberships.findByOrganizationIdAndUserId(id, caller.id()).isEmpty()) {
            throw notFound();
        }
        return organization;
    }

    private String requireRole(UUID id, CurrentUser caller, String... roles) {
        String role = memberships
                .findByOrganizationIdAndUserId(id, caller.id())
                .map(Membership::role)
                .orElse("");
        if (!List.of(roles).contains(role)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Needs the role " + String.join(" or ", roles));
        }
        return role;
    }

    /** PageQuery offsets are whole pages, so a page number says the same. */
    private static Pageable pageable(PageQuery page) {
        return PageRequest.of(page.page() - 1, page.perPage());
    }

    private static void requirePerson(CurrentUser caller) {
        if (caller.apiKey()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Organizations are created by users, not API keys");
        }
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "Organization not found");
    }

    private static ApiException slugTaken() {
        return new ApiException(ErrorCode.CONFLICT, "Slug already taken", Map.of("field", "slug"));
    }
}
