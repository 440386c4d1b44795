package com.plexichat.admin.apikey;

import com.plexichat.platform.security.ApiKeyAuthenticator;
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
        // The same rules as every other service's StoredApiKeys, only without the HTTP call.
        return keys.lookup(StoredApiKeys.hash(rawKey))
                .map(key -> new StoredApiKeys.StoredKey(
                        key.id(),
                        key.name(),
                        new LinkedHashSet<>(key.scopes()),
                        key.organizationId(),
                        key.expiresAt(),
                        key.revoked()))
                .filter(key -> key.usableAt(clock.instant()))
                .map(StoredApiKeys.StoredKey::principal);
    }

    @EventListener(ApplicationReadyEvent.class)
    void importConfigured() {
        keys.importConfigured(security.apiKeys());
    }
}
