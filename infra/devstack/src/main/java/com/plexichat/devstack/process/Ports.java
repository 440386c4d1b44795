package com.plexichat.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers; everything devstack starts binds to 127.0.0.1 only. */
public final class Ports {

    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {}

    /**
     * Where {@link #free()} looks: below Linux's ephemeral range (32768 and up), so a port handed out here is never
     * taken meanwhile as the local end of some outgoing connection (a Kafka client's, a JDBC pool's) before its server
     * binds it; and apart from the local stack's ports (8080-19093, and those offset by 20000 or 30000 for the system
     * tests and benchmarks).
     */
    private static final int FIRST_FREE = 20_000;

    private static final int LAST_FREE = 27_999;

    public static int free() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(FIRST_FREE, LAST_FREE + 1);
            if (isFree(port)) {
                return port;
            }
        }
        try (var socket = new ServerSocket(0, 50, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }

    /** A free port p such that p + 1 is free too (Keycloak puts its management interface there). */
    public static int freePair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = free();
            if (port < 65535 && isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no two consecutive free ports on " + LOOPBACK);
    }

    public static boolean isFree(int port) {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean accepts(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
