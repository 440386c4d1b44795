package com.plexichat.platform.security.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.plexichat.platform.security.ApiKeyAuthenticator;
import com.plexichat.platform.security.ApiKeyScopes;
import com.plexichat.platform.security.CurrentUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * API keys from admin-service's store ({@code GET /internal/api-keys/{sha256}}, with this service's own
 * credentials): only the key's hash travels. Answers are cached by hash for {@code cacheTtl}, so a key in use costs
 * admin-service one lookup per TTL per process (which is also when it notes {@code last_used_at}); expiry is checked
 * on every request. Revocation reaches the gateway within a second by event; here it counts once the cached answer
 * expires.
 */
public class StoredApiKeys implements ApiKeyAuthenticator {

    public static final String STORE = "admin-service";

    /** What the store says about one key. */
    public record StoredKey(
            UUID id, String name, Set<String> scopes, UUID organizationId, Instant expiresAt, boolean revoked) {

        public boolean usableAt(Instant now) {
            return !revoked && (expiresAt == null || now.isBefore(expiresAt));
        }

        public CurrentUser principal() {
            return new CurrentUser(id, "api-key:" + name, ApiKeyScopes.roles(scopes), true, scopes);
        }
    }

    private final ServiceClients services;
    private final Cache<String, Optional<StoredKey>> cache;
    private final Clock clock;

    /** @param cacheTtl zero for no cache (the gateway keeps its own) */
    public StoredApiKeys(ServiceClients services, Duration cacheTtl, Clock clock) {
        this.services = services;
        this.cache = cacheTtl.isZero()
                ? null
                : Caffeine.newBuilder()
                        .expireAfterWrite(cacheTtl)
                        .maximumSize(10_000)
                        .build();
        this.clock = clock;
    }

    @Override
    public Optional<CurrentUser> authenticate(String rawKey) {
        if (rawKey == null || rawKey.isBlank()) {
            return Optional.empty();
        }
        String hash = hash(rawKey);
        Optional<StoredKey> key = cache == null ? lookup(hash) : cache.get(hash, this::lookup);
        return key.filter(k -> k.usableAt(clock.instant())).map(StoredKey::principal);
    }

    /** The store's answer for a key hash (blocking: a call to admin-service); empty when it knows no such key. */
    public Optional<StoredKey> lookup(String hash) {
        return services.find(STORE, "/internal/api-keys/{hash}", hash).map(StoredApiKeys::read);
    }

    private static StoredKey read(JsonNode data) {
        Set<String> scopes = new LinkedHashSet<>();
        data.path("scopes").forEach(scope -> scopes.add(scope.asString()));
        String organization = data.path("organization_id").asString(null);
        String expires = data.path("expires_at").asString(null);
        return new StoredKey(
                UUID.fromString(data.path("id").asString()),
                data.path("name").asString(""),
                scopes,
                organization == null ? null : UUID.fromString(organization),
                expires == null ? null : Instant.parse(expires),
                data.path("revoked").asBoolean(false));
    }

    /** Hex SHA-256 of a raw key: all that is stored, and all that travels to the store. */
    public static String hash(String rawKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
