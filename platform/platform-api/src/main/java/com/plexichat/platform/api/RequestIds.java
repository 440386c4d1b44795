package com.plexichat.platform.api;

import java.security.SecureRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The {@code X-Request-Id} rules: a client's id is kept when it is 1-128 of {@code
 * [A-Za-z0-9._-]}, otherwise (absent or invalid) the server makes one, {@code req_} + 24 random
 * characters. An invalid id is replaced rather than refused: a client rarely controls every proxy
 * that may set the header, and refusing the request would punish it for them.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    /** Request/exchange attribute holding the id, for code running after the MDC is cleared. */
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final char[] ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {}

    public static boolean isValid(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches();
    }

    public static String generate() {
        char[] id = new char[24];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return "req_" + new String(id);
    }

    /** The incoming id when valid, a fresh one otherwise. */
    public static String accept(String incoming) {
        return isValid(incoming) ? incoming : generate();
    }

    /** The id of the request this thread is serving, or null outside a request. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
