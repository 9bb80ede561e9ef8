package io.livepeerpool.readmodel;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/** The PostgreSQL read model: a connection pool, and the Flyway migrations that own its tables. */
public final class ReadModelDatabase {
    private ReadModelDatabase() {
    }

    public static HikariDataSource pool(String jdbcUrl, String user, String password, int maxConnections, String poolName) {
        return new HikariDataSource(config(jdbcUrl, user, password, maxConnections, poolName));
    }

    /**
     * A pool whose every statement is cancelled by PostgreSQL after {@code statementTimeout} (its {@code
     * statement_timeout}, set at connect): for public reads, so that a slow or blocked query answers within a bound
     * (SQLState 57014) instead of holding a request thread and a connection.
     */
    public static HikariDataSource pool(String jdbcUrl, String user, String password, int maxConnections, String poolName,
                                        java.time.Duration statementTimeout) {
        HikariConfig config = config(jdbcUrl, user, password, maxConnections, poolName);
        config.addDataSourceProperty("options", "-c statement_timeout=" + statementTimeout.toMillis());
        return new HikariDataSource(config);
    }

    private static HikariConfig config(String jdbcUrl, String user, String password, int maxConnections, String poolName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxConnections);
        config.setPoolName(poolName);
        config.setAutoCommit(true);
        return config;
    }

    /** Applies pending migrations; safe to call from several services at start (Flyway locks the schema table). */
    public static void migrate(javax.sql.DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
