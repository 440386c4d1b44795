package com.plexichat.platform.test;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Fresh credentials per test JVM: tests must not depend on fixed secrets. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
