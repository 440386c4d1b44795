package com.plexichat.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @TempDir
    Path dir;

    @Test
    void createsQuotedDatabasesAndKeepsThemAcrossRestarts() throws Exception {
        Path data = dir.resolve("pg");
        int port;
        try (var postgres = new PostgresServer(data, 0, dir.resolve("postgres.log"))) {
            postgres.start();
            port = postgres.port();
            postgres.createDatabaseIfMissing("auth-service");
            postgres.createDatabaseIfMissing("auth-service");
            try (var connection = DriverManager.getConnection(
                            postgres.jdbcUrl("auth-service"), postgres.username(), postgres.password());
                    var statement = connection.createStatement()) {
                statement.execute("CREATE TABLE marker (id int)");
                statement.execute("INSERT INTO marker VALUES (42)");
            }
        }

        try (var postgres = new PostgresServer(data, port)) {
            postgres.start();
            try (var connection = DriverManager.getConnection(
                            postgres.jdbcUrl("auth-service"), postgres.username(), postgres.password());
                    var result = connection.createStatement().executeQuery("SELECT id FROM marker")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(42);
            }
        }
    }
}
