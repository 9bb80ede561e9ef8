package io.livepeerpool.devstack;

import io.livepeerpool.platform.process.ChildProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from the embedded binaries (io.zonky), data in {@code <dataDir>/postgres} kept across restarts, server
 * output in {@code <dataDir>/postgres.log}, with a database {@value #DATABASE} owned by {@value #USER}. Authentication
 * is {@code trust} on 127.0.0.1, so any password is accepted.
 */
final class Postgres implements AutoCloseable {

    static final String DATABASE = "pool";
    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    private static final Logger log = LoggerFactory.getLogger(Postgres.class);

    private final EmbeddedPostgres postgres;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Postgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static Postgres start(Path dataDir, int port) throws Exception {
        Path pgData = dataDir.resolve("postgres");
        // a postmaster left running by a JVM that was killed outright still owns the data directory
        ChildProcesses.stopIfAlive(pgData.resolve("postmaster.pid"),
                info -> ChildProcesses.executableName(info).equals("postgres"), Duration.ofSeconds(15));
        Files.createDirectories(pgData);
        Path logFile = dataDir.resolve("postgres.log");
        ProcessBuilder.Redirect output = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "32MB")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(output)
                .setErrorRedirector(output)
                .start();
        Postgres postgres = new Postgres(embedded);
        try {
            postgres.createDatabaseIfMissing();
            return postgres;
        } catch (Exception e) {
            postgres.close();
            throw e;
        }
    }

    private void createDatabaseIfMissing() throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
        }
    }

    int port() {
        return postgres.getPort();
    }

    /** JDBC URL of the {@value #DATABASE} database, e.g. {@code jdbc:postgresql://127.0.0.1:40125/pool}. */
    String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Stops the server (fast shutdown: open sessions are disconnected). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            postgres.close();
            log.info("PostgreSQL stopped");
        } catch (IOException e) {
            log.warn("PostgreSQL shutdown failed", e);
        }
    }
}
