package com.plexichat.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConfiguredApiKeysTest {

    private static final UUID ID = UUID.randomUUID();

    @Test
    void findsAKeyByTheHashOfWhatTheClientSendsAndNeverByAnythingElse() {
        String key = "pck_" + UUID.randomUUID();
        ConfiguredApiKeys keys = keys(new SecurityProperties.ApiKey(
                ID, "ci-bot", ConfiguredApiKeys.hash(key).toUpperCase(), List.of("service"), false));

        CurrentUser caller = keys.authenticate(key).orElseThrow();
        assertThat(caller.id()).isEqualTo(ID);
        assertThat(caller.apiKey()).isTrue();
        assertThat(caller.hasRole("service")).isTrue();
        assertThat(keys.authenticate(ConfiguredApiKeys.hash(key)))
                .as("the hash is not the key")
                .isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
    }

    @Test
    void aRevokedKeyIsRefused() {
        String key = "pck_" + UUID.randomUUID();
        assertThat(keys(new SecurityProperties.ApiKey(ID, "old", ConfiguredApiKeys.hash(key), null, true))
                        .authenticate(key))
                .isEmpty();
    }

    private static ConfiguredApiKeys keys(SecurityProperties.ApiKey key) {
        return new ConfiguredApiKeys(new SecurityProperties(null, null, null, null, null, null, List.of(key)));
    }
}
