package com.plexichat.devstack.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Minimal HTTP probing without a client library (and without any proxy: all targets are on loopback). */
public final class Http {

    private Http() {}

    /** The HTTP status of a GET, or -1 if nothing answered. */
    public static int status(URI uri) {
        try {
            var connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(3000);
            connection.setInstanceFollowRedirects(false);
            try {
                int status = connection.getResponseCode();
                drain(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
                return status;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return -1;
        }
    }

    private static void drain(InputStream stream) throws IOException {
        if (stream != null) {
            try (stream) {
                stream.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    /**
     * Polls until {@code ready} holds. Fails fast when {@code alive} turns false, so a crashed process is reported
     * at once instead of after the whole timeout.
     */
    public static void await(String what, Duration timeout, BooleanSupplier ready, BooleanSupplier alive) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (ready.getAsBoolean()) {
                return;
            }
            if (!alive.getAsBoolean()) {
                throw new StartupException(what + " exited before it became ready");
            }
            if (System.nanoTime() > deadline) {
                throw new StartupException(what + " not ready after " + timeout.toSeconds() + " s");
            }
            Processes.sleep(250);
        }
    }
}
