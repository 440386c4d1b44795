package com.plexichat.platform.test;

/** A real PostgreSQL for tests. */
public interface PostgresInfrastructure {

    /** Creates the database on first use. */
    String jdbcUrl(String database);

    String username();

    String password();
}
