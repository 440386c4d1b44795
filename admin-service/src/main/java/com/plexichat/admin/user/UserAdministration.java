package com.plexichat.admin.user;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.api.Pagination;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.user.UserDeletionRequested;
import com.plexichat.platform.events.user.UserStatusChanged;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users for administrators, and the one rule for a user's status. The status is this service's: a change is stored
 * and published in one transaction (the outbox); auth-service then disables or enables the account in Keycloak and
 * ends its sessions, the gateways refuse its tokens and close its sockets, every replica follows. A deletion starts
 * the existing flow ({@code user.deletion-requested}, answered by auth-service's {@code user.deleted}).
 */
@Service
class UserAdministration {

    static final Set<String> STATUSES = Set.of("active", "suspended", "deleted");
    static final Set<String> ROLES = Set.of("user", "admin");

    private final AdminUsers users;
    private final EventPublisher events;
    private final Clock clock;

    UserAdministration(AdminUsers users, EventPublisher events, Clock clock) {
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    record Page(List<UserRecords.AdminUserResponse> items, Pagination pagination) {}

    @Transactional(readOnly = true)
    Page list(String q, String status, String role, PageQuery page) {
        String prefix = q == null || q.isBlank() ? null : q.strip();
        if (prefix != null && prefix.length() > 64) {
            throw ApiException.invalid("q", "must have at most 64 characters");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid("status", "must be active, suspended or deleted");
        }
        if (role != null && !ROLES.contains(role)) {
            throw ApiException.invalid("role", "must be user or admin");
        }
        List<UserRecords.AdminUserResponse> items =
                users.page(prefix, status, role, page.offset(), page.perPage()).stream()
                        .map(UserAdministration::response)
                        .toList();
        return new Page(items, Pagination.of(page, users.count(prefix, status, role)));
    }

    @Transactional
    UserRecords.AdminUserResponse changeStatus(UUID id, String status, String reason, UUID changedBy) {
        AdminUsers.Row user = users.find(id)
                .filter(u -> !u.username().startsWith("unknown:"))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "User not found"));
        if ("deleted".equals(user.status())) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION,
                    "The user is deleted; a deletion cannot be undone",
                    Map.of("field", "status", "reason", "user_deleted"));
        }
        if (id.equals(changedBy)) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION,
                    "Administrators cannot change their own status",
                    Map.of("field", "status", "reason", "own_account"));
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (status.equals(user.status()) && java.util.Objects.equals(why, user.statusReason())) {
            return response(user);
        }
        Instant now = clock.instant();
        if ("deleted".equals(status)) {
            users.deleted(id, now);
            events.publish(UserDeletionRequested.TYPE, id.toString(), new UserDeletionRequested(id, changedBy, now));
        } else {
            users.status(id, status, why, now);
            events.publish(
                    UserStatusChanged.TYPE, id.toString(), new UserStatusChanged(id, status, why, changedBy, now));
        }
        return response(users.find(id).orElseThrow());
    }

    private static UserRecords.AdminUserResponse response(AdminUsers.Row row) {
        return new UserRecords.AdminUserResponse(
                row.id(),
                row.username(),
                row.email(),
                row.displayName(),
                row.status(),
                row.statusReason(),
                row.roles(),
                row.createdAt(),
                row.lastActiveAt());
    }
}
