package com.plexichat.file.share;

import com.plexichat.file.FilesProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Share tokens: the link's id and an HMAC-SHA256 of it (the first 128 bits), base64url. A forged or mangled token
 * is refused before the database is asked; a genuine one still needs its row (not revoked, not expired).
 */
@Component
class ShareTokens {

    private static final Logger log = LoggerFactory.getLogger(ShareTokens.class);
    private static final int MAC_BYTES = 16;

    private final byte[] key;

    ShareTokens(FilesProperties properties) {
        String secret = properties.shareSecret();
        if (secret == null || secret.isBlank()) {
            log.warn("plexichat.files.share-secret is not set: share links are signed with a random key and stop"
                    + " working when this process restarts (and on other replicas)");
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        } else {
            key = secret.getBytes(StandardCharsets.UTF_8);
        }
    }

    String issue(UUID linkId) {
        byte[] id = bytes(linkId);
        byte[] token =
                ByteBuffer.allocate(id.length + MAC_BYTES).put(id).put(mac(id)).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The link id of a genuine token; empty for anything else. */
    Optional<UUID> verify(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] id = Arrays.copyOfRange(raw, 0, 16);
        byte[] mac = Arrays.copyOfRange(raw, 16, raw.length);
        if (!MessageDigest.isEqual(mac, mac(id))) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(id);
        return Optional.of(new UUID(buffer.getLong(), buffer.getLong()));
    }

    private byte[] mac(byte[] id) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(hmac.doFinal(id), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }
}
