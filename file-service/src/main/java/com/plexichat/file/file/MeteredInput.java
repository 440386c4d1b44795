package com.plexichat.file.file;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An upload's bytes on their way to S3: counted, hashed (SHA-256) and cut off the moment they pass the limit (the
 * smaller of the upload limit and what is left of the quota), so an oversized body is refused while it streams.
 */
final class MeteredInput extends FilterInputStream {

    /** The body passed its limit; {@code quota} tells whether the quota (not the upload limit) was the smaller. */
    static final class LimitExceeded extends RuntimeException {

        final boolean quota;

        LimitExceeded(boolean quota) {
            super(quota ? "over the quota" : "over the upload limit", null, false, false);
            this.quota = quota;
        }
    }

    private final long limit;
    private final boolean limitIsQuota;
    private final MessageDigest sha256;
    private long count;

    MeteredInput(InputStream in, long limit, boolean limitIsQuota) {
        super(in);
        this.limit = limit;
        this.limitIsQuota = limitIsQuota;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            count += n;
            if (count > limit) {
                throw new LimitExceeded(limitIsQuota);
            }
            sha256.update(buffer, offset, n);
        }
        return n;
    }

    /** Skipped bytes are read too: every byte of an upload is counted and hashed. */
    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    long count() {
        return count;
    }

    String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
