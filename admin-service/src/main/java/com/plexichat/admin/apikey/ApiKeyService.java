package com.plexichat.admin.apikey;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.api.Pagination;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.admin.ApiKeyCreated;
import com.plexichat.platform.events.admin.ApiKeyRevoked;
import com.plexichat.platform.security.ApiKeyScopes;
import com.plexichat.platform.security.SecurityProperties;
import com.plexichat.platform.security.client.StoredApiKeys;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for services and integrations, in the style of GitHub's fine-grained tokens: a recognisable prefix and a
 * random secret, shown once and stored as a SHA-256 (keys are 238 random bits: nothing to brute-force, so a fast
 * hash is enough), scoped to route families ({@link ApiKeyScopes}), optionally expiring, revoked by event.
 */
@Service
class ApiKeyService {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);
    static final String KEY_PREFIX = "plx_";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeyRepository keys;
    private final EventPublisher events;
    private final Clock clock;
    private final Duration lastUsedResolution;

    ApiKeyService(
            ApiKeyRepository keys,
            EventPublisher events,
            Clock clock,
            @Value("${plexichat.admin.last-used-resolution:30s}") Duration lastUsedResolution) {
        this.keys = keys;
        this.events = events;
        this.clock = clock;
        this.lastUsedResolution = lastUsedResolution;
    }

    record Page(List<ApiKeyRecords.ApiKeyResponse> items, Pagination pagination) {}

    @Transactional
    ApiKeyRecords.ApiKeyResponse create(ApiKeyRecords.CreateKey request, UUID createdBy) {
        Instant now = clock.instant();
        List<String> scopes = scopes(request.scopes());
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ApiException.invalid("expires_at", "must be in the future");
        }
        String prefix;
        do {
            prefix = KEY_PREFIX + random(8);
        } while (keys.existsByPrefix(prefix));
        String key = prefix + "_" + random(40);
        ApiKey stored = keys.save(new ApiKey(
                UUID.randomUUID(),
                prefix,
                request.name().strip(),
                StoredApiKeys.hash(key),
                scopes,
                request.organizationId(),
                createdBy,
                now,
                request.expiresAt()));
        events.publish(
                ApiKeyCreated.TYPE,
                stored.id().toString(),
                new ApiKeyCreated(
                        stored.id(),
                        stored.name(),
                        prefix,
                        scopes,
                        request.organizationId(),
                        request.expiresAt(),
                        createdBy,
                        now));
        log.info("API key {} ({}) created by {} with scopes {}", stored.id(), prefix, createdBy, scopes);
        return response(stored, key, now);
    }

    @Transactional(readOnly = true)
    Page list(PageQuery page) {
        Instant now = clock.instant();
        var found = keys.findAllByOrderByCreatedAtDescIdDesc(PageRequest.of(page.page() - 1, page.perPage()));
        return new Page(
                found.stream().map(k -> response(k, null, now)).toList(),
                Pagination.of(page, found.getTotalElements()));
    }

    @Transactional(readOnly = true)
    ApiKeyRecords.ApiKeyResponse get(UUID id) {
        return response(existing(id), null, clock.instant());
    }

    /** Revoked for good; the gateways refuse it within a second ({@code api-key.revoked}). Revoking twice is fine. */
    @Transactional
    void revoke(UUID id, UUID revokedBy) {
        ApiKey key = existing(id);
        if (key.revoked()) {
            return;
        }
        Instant now = clock.instant();
        key.revoke(now);
        events.publish(ApiKeyRevoked.TYPE, id.toString(), new ApiKeyRevoked(id, now, revokedBy));
        log.info("API key {} ({}) revoked", id, key.prefix());
    }

    /**
     * A presented key, by hash, for the gateway, the services and this service's own security chain. Callers cache
     * the answer, so a lookup means "in use": {@code last_used_at} is written, at most once per resolution.
     */
    @Transactional
    Optional<ApiKeyRecords.KeyLookupResponse> lookup(String hash) {
        return keys.findBySecretHash(hash).map(key -> {
            Instant now = clock.instant();
            if (!key.revoked() && !key.expiredAt(now)) {
                keys.used(key.id(), now, now.minus(lastUsedResolution));
            }
            return new ApiKeyRecords.KeyLookupResponse(
                    key.id(), key.name(), key.scopes(), key.organizationId(), key.expiresAt(), key.revoked());
        });
    }

    /** Keys from configuration (before the store): imported once by id; afterwards the store is the truth. */
    @Transactional
    void importConfigured(List<SecurityProperties.ApiKey> configured) {
        for (SecurityProperties.ApiKey key : configured) {
            if (key.id() == null || key.sha256() == null || keys.existsById(key.id())) {
                continue;
            }
            List<String> scopes =
                    key.scopes().stream().filter(ApiKeyScopes.ALL::contains).toList();
            if (scopes.size() < key.scopes().size() || scopes.isEmpty()) {
                log.warn(
                        "Configured API key {} ({}): unknown or no scopes; it is imported with {}",
                        key.id(),
                        key.name(),
                        scopes);
            }
            Instant now = clock.instant();
            ApiKey imported = new ApiKey(
                    key.id(),
                    "imported_" + key.id().toString().substring(0, 8),
                    key.name() == null ? "imported" : key.name(),
                    key.sha256().toLowerCase(java.util.Locale.ROOT),
                    scopes,
                    null,
                    null,
                    now,
                    null);
            if (key.revoked()) {
                imported.revoke(now);
            }
            keys.save(imported);
            log.info("API key {} ({}) imported from configuration", key.id(), key.name());
        }
    }

    private ApiKey existing(UUID id) {
        return keys.findById(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "API key not found"));
    }

    private static List<String> scopes(List<String> requested) {
        List<String> unknown = new ArrayList<>();
        LinkedHashSet<String> scopes = new LinkedHashSet<>();
        for (String scope : requested) {
            if (ApiKeyScopes.ALL.contains(scope)) {
                scopes.add(scope);
            } else {
                unknown.add(scope);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ApiException(
                    ErrorCode.VALIDATION_ERROR,
                    "Invalid input provided",
                    Map.of(
                            "field",
                            "scopes",
                            "reason",
                            "unknown scopes " + unknown + "; known: "
                                    + ApiKeyScopes.ALL.stream().sorted().toList()));
        }
        return List.copyOf(scopes);
    }

    private static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private static ApiKeyRecords.ApiKeyResponse response(ApiKey key, String secret, Instant now) {
        String status = key.revoked() ? "revoked" : key.expiredAt(now) ? "expired" : "active";
        return new ApiKeyRecords.ApiKeyResponse(
                key.id(),
                key.name(),
                key.prefix(),
                secret,
                key.scopes(),
                key.organizationId(),
                key.createdBy(),
                key.createdAt(),
                key.expiresAt(),
                key.lastUsedAt(),
                key.revokedAt(),
                status);
    }
}
