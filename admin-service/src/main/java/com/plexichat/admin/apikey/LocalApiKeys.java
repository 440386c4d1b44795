package com.plexichat.admin.apikey;

import com.plexichat.platform.security.ApiKeyAuthenticator;
import com.plexichat.platform.security.ApiKeyScopes;
import com.plexichat.platform.security.CurrentUser;
import com.plexichat.platform.security.SecurityProperties;
import com.plexichat.platform.security.client.StoredApiKeys;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * This service is the store, so it checks {@code X-API-Key} in its own database instead of asking itself over
 * HTTP; on start it imports the keys still listed in configuration.
 */
@Component
class LocalApiKeys implements ApiKeyAuthenticator {

    private final ApiKeyService keys;
    private final SecurityProperties security;
    private final Clock clock;

    LocalApiKeys(ApiKeyService keys, SecurityProperties security, Clock clock) {
        this.keys = keys;
        this.security = security;
        this.clock = clock;
    }

    @Override
    public Optional<CurrentUser> authenticate(String rawKey) {
        return keys.lookup(StoredApiKeys.hash(rawKey))
                .filter(key -> !key.revoked()
                        && (key.expiresAt() == null || clock.instant().isBefore(key.expiresAt())))
                .map(key -> new CurrentUser(
                        key.id(),
                        "api-key:" + key.name(),
                        ApiKeyScopes.roles(new LinkedHashSet<>(key.scopes())),
                        true,
                        new LinkedHashSet<>(key.scopes())));
    }

    @EventListener(ApplicationReadyEvent.class)
    void importConfigured() {
        keys.importConfigured(security.apiKeys());
    }
}
