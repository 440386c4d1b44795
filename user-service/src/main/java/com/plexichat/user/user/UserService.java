package com.plexichat.user.user;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.api.Pagination;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.admin.PlatformSettings;
import com.plexichat.platform.events.settings.LiveSettings;
import com.plexichat.platform.events.user.UserDeletionRequested;
import com.plexichat.platform.security.CurrentUser;
import com.plexichat.user.membership.OrgMembers;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users and their profiles. Who may read them is the directory setting: by default a user sees only people who
 * share an organization with them (others are 404, as if they did not exist); administrators and API keys see
 * everyone. Only the user (or an admin) changes them.
 */
@Service
public class UserService {

    private final UserRepository users;
    private final OrgMembers orgMembers;
    private final EventPublisher events;
    private final AccountStatuses statuses;
    private final Clock clock;
    private final LiveSettings settings;

    UserService(
            UserRepository users,
            OrgMembers orgMembers,
            EventPublisher events,
            AccountStatuses statuses,
            Clock clock,
            ObjectProvider<LiveSettings> settings) {
        this.users = users;
        this.orgMembers = orgMembers;
        this.events = events;
        this.statuses = statuses;
        this.clock = clock;
        this.settings = settings.getIfAvailable();
    }

    record Page(List<UserRecords.UserResponse> items, Pagination pagination) {}

    @Transactional(readOnly = true)
    Page list(String q, UUID organizationId, PageQuery page, CurrentUser caller) {
        String prefix = q == null || q.isBlank() ? null : q.strip();
        if (prefix != null && prefix.length() > 64) {
            throw ApiException.invalid("q", "must have at most 64 characters");
        }
        if (organizationId != null && !isAdmin(caller) && !orgMembers.isMember(organizationId, caller.id())) {
            // as org-service answers outsiders: no such organization
            throw new ApiException(ErrorCode.NOT_FOUND, "Organization not found", Map.of("field", "organization_id"));
        }
        UUID viewer = seesEveryone(caller) ? null : caller.id();
        List<UserRecords.UserResponse> items =
                users.page(prefix, organizationId, viewer, page.offset(), page.perPage()).stream()
                        .map(user -> response(user, caller))
                        .toList();
        return new Page(items, Pagination.of(page, users.count(prefix, organizationId, viewer)));
    }

    /**
     * An administrator deletes a user: auth-service removes the credentials (from the event) and answers
     * with {@code user.deleted}, which marks the user deleted here as everywhere else.
     */
    @Transactional
    void requestDeletion(UUID id, CurrentUser caller) {
        if (!isAdmin(caller)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only administrators delete users");
        }
        existing(id);
        if (id.equals(caller.id())) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION, "Delete your own account with DELETE /v1/auth/me");
        }
        events.publish(
                UserDeletionRequested.TYPE, id.toString(), new UserDeletionRequested(id, caller.id(), clock.instant()));
    }

    @Transactional(readOnly = true)
    UserRecords.UserResponse get(UUID id, CurrentUser caller) {
        return response(visible(id, caller), caller);
    }

    @Transactional(readOnly = true)
    UserRecords.ProfileResponse profile(UUID id, CurrentUser caller) {
        return profileResponse(visible(id, caller), caller);
    }

    @Transactional
    UserRecords.UserResponse update(UUID id, UserRecords.UpdateUser request, CurrentUser caller) {
        User user = existing(id);
        requireSelfOrAdmin(user, caller);
        if (request.status() != null && !isAdmin(caller)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only administrators change a user's status");
        }
        // First, and outside this service's rules: if admin-service refuses or cannot answer, nothing changes.
        String status = request.status() == null || request.status().equals(user.status())
                ? user.status()
                : statuses.change(id, request.status(), caller);
        User changed = new User(
                user.id(),
                user.username(),
                user.email(),
                request.displayName() == null
                        ? user.displayName()
                        : request.displayName().strip(),
                request.avatarFileId() == null ? user.avatarFileId() : request.avatarFileId(),
                request.avatarUrl() == null ? user.avatarUrl() : request.avatarUrl(),
                user.bio(),
                user.timezone(),
                user.title(),
                status,
                user.createdAt());
        users.update(changed, clock.instant());
        return response(changed, caller);
    }

    @Transactional
    UserRecords.ProfileResponse updateProfile(UUID id, UserRecords.UpdateProfile request, CurrentUser caller) {
        User user = existing(id);
        requireSelfOrAdmin(user, caller);
        if (request.timezone() != null) {
            try {
                ZoneId.of(request.timezone());
            } catch (DateTimeException e) {
                throw ApiException.invalid("timezone", "must be an IANA time zone such as Europe/Paris");
            }
        }
        User changed = new User(
                user.id(),
                user.username(),
                user.email(),
                request.displayName() == null
                        ? user.displayName()
                        : request.displayName().strip(),
                user.avatarFileId(),
                user.avatarUrl(),
                request.bio() == null ? user.bio() : request.bio(),
                request.timezone() == null ? user.timezone() : request.timezone(),
                request.title() == null ? user.title() : request.title(),
                user.status(),
                user.createdAt());
        users.update(changed, clock.instant());
        return profileResponse(changed, caller);
    }

    /** For other features (presence): the user, if known and not deleted. */
    @Transactional(readOnly = true)
    public boolean exists(UUID id) {
        return users.find(id).filter(u -> !"deleted".equals(u.status())).isPresent();
    }

    /** For other features (presence): whether the caller may see this existing user. */
    @Transactional(readOnly = true)
    public boolean visibleTo(UUID id, CurrentUser caller) {
        return exists(id)
                && (id.equals(caller.id()) || seesEveryone(caller) || orgMembers.shareAnOrganization(caller.id(), id));
    }

    /** Someone the caller may not see is answered as no one: the 404 says nothing of who exists. */
    private User visible(UUID id, CurrentUser caller) {
        User user = existing(id);
        if (!id.equals(caller.id()) && !seesEveryone(caller) && !orgMembers.shareAnOrganization(caller.id(), id)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "User not found");
        }
        return user;
    }

    private boolean seesEveryone(CurrentUser caller) {
        return caller.apiKey()
                || isAdmin(caller)
                || (settings != null && PlatformSettings.Directory.open(settings.current()));
    }

    private User existing(UUID id) {
        return users.find(id)
                .filter(u -> !"deleted".equals(u.status()))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "User not found"));
    }

    private static void requireSelfOrAdmin(User user, CurrentUser caller) {
        if (!user.id().equals(caller.id()) && !isAdmin(caller)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only the user or an administrator may change this");
        }
    }

    static boolean isAdmin(CurrentUser caller) {
        return caller.hasRole("admin");
    }

    private static String visibleEmail(User user, CurrentUser caller) {
        return user.id().equals(caller.id()) || isAdmin(caller) ? user.email() : null;
    }

    private static UserRecords.UserResponse response(User user, CurrentUser caller) {
        return new UserRecords.UserResponse(
                user.id(),
                user.username(),
                visibleEmail(user, caller),
                user.displayName(),
                user.avatarUrl(),
                user.status(),
                user.createdAt());
    }

    private static UserRecords.ProfileResponse profileResponse(User user, CurrentUser caller) {
        return new UserRecords.ProfileResponse(
                user.id(),
                user.username(),
                visibleEmail(user, caller),
                user.displayName(),
                user.avatarUrl(),
                user.status(),
                user.bio(),
                user.timezone(),
                user.title(),
                user.createdAt());
    }
}
