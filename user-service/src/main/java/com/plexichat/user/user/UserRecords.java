package com.plexichat.user.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** Responses and request bodies of /v1/users (API-CONVENTIONS "Core resources"). */
final class UserRecords {

    private UserRecords() {}

    /** The email only for the user themself and admins; left out for everyone else. */
    record UserResponse(
            UUID id,
            String username,
            @JsonInclude(JsonInclude.Include.NON_NULL) String email,
            String displayName,
            String avatarUrl,
            String status,
            Instant createdAt) {}

    record ProfileResponse(
            UUID id,
            String username,
            @JsonInclude(JsonInclude.Include.NON_NULL) String email,
            String displayName,
            String avatarUrl,
            String status,
            String bio,
            String timezone,
            String title,
            Instant createdAt) {}

    /** PUT /v1/users/{id}: display name, avatar; {@code status} by admins only. */
    record UpdateUser(
            @Size(min = 1, max = 64) String displayName,
            UUID avatarFileId,

            @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
            String avatarUrl,

            @Pattern(regexp = "active|suspended", message = "must be active or suspended")
            String status) {}

    record UpdateProfile(
            @Size(min = 1, max = 64) String displayName,
            @Size(max = 1000) String bio,
            @Size(max = 64) String timezone,
            @Size(max = 100) String title) {}
}
