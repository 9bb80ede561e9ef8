package io.livepeerpool.readmodel;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/** The PostgreSQL read model: a connection pool, and the Flyway migrations that own its tables. */
public final class ReadModelDatabase {
    private ReadModelDatabase() {
    }

    public static HikariDataSource pool(String jdbcUrl, String user, String password, int maxConnections, String poolName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxConnections);
        config.setPoolName(poolName);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    /** Applies pending migrations; safe to call from several services at start (Flyway locks the schema table). */
    public static void migrate(javax.sql.DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
