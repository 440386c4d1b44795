package com.plexichat.file;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A deterministic stream of pseudo-random bytes of any length (SplitMix64 of the position), so a test can send a
 * gigabyte, know its SHA-256, and check any range of it, without holding it.
 */
final class GeneratedBytes extends InputStream {

    private final long length;
    private final long seed;
    private long position;

    GeneratedBytes(long length, long seed) {
        this.length = length;
        this.seed = seed;
    }

    static byte at(long position, long seed) {
        long z = (position >>> 3) + seed * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (byte) (z >>> ((position & 7) * 8));
    }

    static byte[] range(long from, int count, long seed) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = at(from + i, seed);
        }
        return bytes;
    }

    static String sha256(long length, long seed) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            try (GeneratedBytes in = new GeneratedBytes(length, seed)) {
                int n;
                while ((n = in.read(buffer, 0, buffer.length)) > 0) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() {
        return position < length ? at(position++, seed) & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(count, length - position);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = at(position + i, seed);
        }
        position += n;
        return n;
    }
}
