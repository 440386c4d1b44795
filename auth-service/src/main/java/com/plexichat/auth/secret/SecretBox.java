package com.plexichat.auth.secret;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.stereotype.Component;

/**
 * Encrypts what must be read back later (TOTP secrets, the tokens a 2FA challenge holds) with
 * AES-256-GCM under a key from the environment ({@code PLEXICHAT_AUTH_ENCRYPTION_KEY}): a copy of
 * the database alone gives neither second factors nor sessions.
 */
@Component
public class SecretBox {

    private final TextEncryptor encryptor;

    SecretBox(
            @Value("${plexichat.auth.encryption-key:}") String key,
            @Value("${plexichat.auth.encryption-salt:5c0ffee5a17ed0c0}") String salt) {
        if (key.isBlank()) {
            throw new IllegalStateException(
                    "plexichat.auth.encryption-key is not set (PLEXICHAT_AUTH_ENCRYPTION_KEY in the environment)");
        }
        if (key.length() < 24) {
            throw new IllegalStateException("plexichat.auth.encryption-key must have at least 24 characters");
        }
        this.encryptor = Encryptors.delux(key, salt);
    }

    public String encrypt(String plain) {
        return encryptor.encrypt(plain);
    }

    public String decrypt(String encrypted) {
        return encryptor.decrypt(encrypted);
    }
}
