package com.plexichat.admin.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Bodies and responses of /v1/admin/users and the internal status route. */
final class UserRecords {

    private UserRecords() {}

    /** A user as administrators see them. */
    record AdminUserResponse(
            UUID id,
            String username,
            String email,
            String displayName,
            String status,
            String statusReason,
            List<String> roles,
            Instant createdAt,
            Instant lastActiveAt) {}

    record ChangeStatus(
            @NotNull @Pattern(regexp = "active|suspended|deleted", message = "must be active, suspended or deleted")
            String status,

            @Size(max = 500) String reason) {}

    /** From user-service's {@code PUT /v1/users/{id}}: the same rule, with the administrator who asked. */
    record InternalChangeStatus(
            @NotNull @Pattern(regexp = "active|suspended|deleted", message = "must be active, suspended or deleted")
            String status,

            @Size(max = 500) String reason,
            @NotNull UUID changedBy) {}
}
