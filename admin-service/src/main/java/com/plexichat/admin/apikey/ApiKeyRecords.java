package com.plexichat.admin.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Bodies and responses of /v1/admin/api-keys and the gateway's lookup. */
final class ApiKeyRecords {

    private ApiKeyRecords() {}

    record CreateKey(
            @NotBlank @Size(max = 100) String name,
            @NotEmpty @Size(max = 20) List<@NotNull String> scopes,
            Instant expiresAt,
            UUID organizationId) {}

    /**
     * A key as listed; {@code key} only in the answer to its creation, the one time it is shown. {@code status} is
     * {@code active}, {@code expired} or {@code revoked}.
     */
    record ApiKeyResponse(
            UUID id,
            String name,
            String prefix,
            @JsonInclude(JsonInclude.Include.NON_NULL) String key,
            List<String> scopes,
            UUID organizationId,
            UUID createdBy,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt,
            Instant revokedAt,
            String status) {}

    /** What the gateway and services learn about a presented key (by its hash). */
    record KeyLookupResponse(
            UUID id, String name, List<String> scopes, UUID organizationId, Instant expiresAt, boolean revoked) {}
}
