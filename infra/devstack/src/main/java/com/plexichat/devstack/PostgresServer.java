package com.plexichat.devstack;

import com.plexichat.devstack.process.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * PostgreSQL from the zonky embedded binaries, run on a fixed data directory that survives restarts. The cluster
 * is initialised with trust authentication for 127.0.0.1, so the password is never checked; it is exposed only
 * because clients insist on having one.
 */
public final class PostgresServer implements AutoCloseable {

    private static final String SUPERUSER = "postgres";

    private final Path dataDir;
    private final int port;
    private final Path logFile;
    private EmbeddedPostgres postgres;

    private boolean shutdownHook = true;

    public PostgresServer(Path dataDir, int port) {
        this(dataDir, port, null);
    }

    /** {@code logFile} receives the server log; null keeps zonky's default of piping it into SLF4J. */
    public PostgresServer(Path dataDir, int port, Path logFile) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port == 0 ? Ports.free() : port;
        this.logFile = logFile == null ? null : logFile.toAbsolutePath();
    }

    /**
     * Leaves stopping to {@link #close()} alone, without zonky's own shutdown hook: for a caller that must
     * stop the server after something else at JVM exit (the tests: after Spring closed its contexts).
     */
    public synchronized PostgresServer closedByCallerOnly() {
        shutdownHook = false;
        return this;
    }

    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            var builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", Ports.LOOPBACK)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(shutdownHook);
            if (logFile != null) {
                Files.createDirectories(logFile.getParent());
                builder.setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            }
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port + " with data in " + dataDir, e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Ports.LOOPBACK + ":" + port + "/" + database;
    }

    public void createDatabaseIfMissing(String name) {
        var credentials = new Properties();
        credentials.setProperty("user", SUPERUSER);
        credentials.setProperty("password", password());
        // The driver directly, not DriverManager: inside the launcher's nested-jar class loader it may not be
        // registered with DriverManager.
        try (var connection = new Driver().connect(jdbcUrl("postgres"), credentials);
                var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (var result = exists.executeQuery()) {
                if (result.next()) {
                    return;
                }
            }
            try (var create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return; // created concurrently
            }
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return SUPERUSER;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }
}
