package com.plexichat.gateway.security;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys revoked by {@code api-key.revoked} since this gateway started: refused at once, whatever
 * the key cache or the key store still say. Keys from configuration stay revoked for good by
 * {@code revoked: true} there; admin-service's store will say so itself.
 */
public class RevokedApiKeys {

    private final Set<UUID> revoked = ConcurrentHashMap.newKeySet();

    public void revoke(UUID keyId) {
        revoked.add(keyId);
    }

    public boolean isRevoked(UUID keyId) {
        return revoked.contains(keyId);
    }
}
