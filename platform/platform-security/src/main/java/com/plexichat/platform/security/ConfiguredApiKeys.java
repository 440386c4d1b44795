package com.plexichat.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * API keys from configuration ({@code plexichat.security.api-keys}), looked up by the SHA-256 of the
 * presented key. The index is read on every lookup, so where the configuration is refreshed (the
 * gateway) a key revoked or added there counts at once.
 */
public class ConfiguredApiKeys implements ApiKeyAuthenticator {

    private final Supplier<Map<String, SecurityProperties.ApiKey>> byHash;

    public ConfiguredApiKeys(SecurityProperties properties) {
        Map<String, SecurityProperties.ApiKey> index = index(properties);
        this.byHash = () -> index;
    }

    /** @param byHash the keys by {@link #hash(String)}, as {@link #index(SecurityProperties)} makes them */
    public ConfiguredApiKeys(Supplier<Map<String, SecurityProperties.ApiKey>> byHash) {
        this.byHash = byHash;
    }

    @Override
    public Optional<CurrentUser> authenticate(String rawKey) {
        return find(rawKey).map(ConfiguredApiKeys::principal);
    }

    /** The key's configuration when the raw key is known and not revoked. */
    public Optional<SecurityProperties.ApiKey> find(String rawKey) {
        if (rawKey == null || rawKey.isBlank()) {
            return Optional.empty();
        }
        SecurityProperties.ApiKey key = byHash.get().get(hash(rawKey));
        return key == null || key.revoked() ? Optional.empty() : Optional.of(key);
    }

    public static CurrentUser principal(SecurityProperties.ApiKey key) {
        return new CurrentUser(key.id(), "api-key:" + key.name(), new LinkedHashSet<>(key.roles()), true);
    }

    /** Hex SHA-256 of a raw key: what configuration and storage hold instead of the key. */
    public static String hash(String rawKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static Map<String, SecurityProperties.ApiKey> index(SecurityProperties properties) {
        Map<String, SecurityProperties.ApiKey> index = new HashMap<>();
        for (SecurityProperties.ApiKey key : properties.apiKeys()) {
            if (key.sha256() != null && key.id() != null) {
                index.put(key.sha256().toLowerCase(Locale.ROOT), key);
            }
        }
        return Map.copyOf(index);
    }
}
