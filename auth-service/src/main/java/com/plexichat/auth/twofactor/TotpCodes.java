package com.plexichat.auth.twofactor;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * RFC 6238 codes as authenticator apps compute them (HMAC-SHA1, 6 digits, 30 s steps), from
 * java-otp. A code of the step before or after is accepted too, for clocks that drift.
 */
final class TotpCodes {

    static final Duration STEP = Duration.ofSeconds(30);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base32 BASE32 = new Base32();

    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP);

    /** A new 160-bit secret, Base32 as apps expect it. */
    static String newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return BASE32.encodeToString(secret).replace("=", "");
    }

    static String otpauthUri(String secret, String account) {
        String label = java.net.URLEncoder.encode("PlexiChat:" + account, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=PlexiChat&algorithm=SHA1&digits=6&period="
                + STEP.toSeconds();
    }

    /** The time step (of {@code now}, or the one before or after) whose code this is, if any. */
    OptionalLong matchingStep(String secret, String code, Instant now) {
        if (code == null || !code.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        int expected = Integer.parseInt(code);
        long current = now.getEpochSecond() / STEP.toSeconds();
        SecretKeySpec key = new SecretKeySpec(BASE32.decode(secret), generator.getAlgorithm());
        for (long step = current - 1; step <= current + 1; step++) {
            try {
                if (generator.generateOneTimePassword(key, Instant.ofEpochSecond(step * STEP.toSeconds()))
                        == expected) {
                    return OptionalLong.of(step);
                }
            } catch (InvalidKeyException e) {
                throw new IllegalStateException(e);
            }
        }
        return OptionalLong.empty();
    }
}
