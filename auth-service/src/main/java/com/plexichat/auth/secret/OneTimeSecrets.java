package com.plexichat.auth.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random single-use secrets (reset and verification tokens, recovery codes, email codes) and their
 * stored form. Only the SHA-256 is stored: the secrets carry 80 bits or more (email codes are short
 * but live minutes and allow five attempts), so a fast hash leaves nothing to brute-force.
 */
public final class OneTimeSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

    private OneTimeSecrets() {}

    /** A URL-safe token of 256 bits. */
    public static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code n} decimal digits, for codes typed from an email. */
    public static String digits(int n) {
        StringBuilder code = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            code.append(RANDOM.nextInt(10));
        }
        return code.toString();
    }

    /** {@code xxxx-xxxx-xxxx-xxxx} from an unambiguous alphabet: 16 characters of 31, about 79 bits. */
    public static String recoveryCode() {
        StringBuilder code = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(RECOVERY_ALPHABET[RANDOM.nextInt(RECOVERY_ALPHABET.length)]);
        }
        return code.toString();
    }

    /** Recovery codes are compared without case, spaces or dashes: people type them. */
    public static String normalizeRecoveryCode(String code) {
        return code.toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s-]", "");
    }

    public static String hash(String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
