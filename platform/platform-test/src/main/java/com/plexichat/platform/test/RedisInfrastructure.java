package com.plexichat.platform.test;

/** A real Redis server (shared rate limits of several gateway replicas). */
public interface RedisInfrastructure {

    /** {@code redis://127.0.0.1:<port>} */
    String uri();
}
