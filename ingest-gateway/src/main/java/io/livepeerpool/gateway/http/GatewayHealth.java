package io.livepeerpool.gateway.http;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/** The dependencies a healthy gateway needs: Kafka (writes) and the read-model database (reads). */
public final class GatewayHealth {
    private static final int DB_VALIDATION_SECONDS = 2;

    private final BooleanSupplier kafka;
    private final BooleanSupplier database;

    public GatewayHealth(BooleanSupplier kafka, BooleanSupplier database) {
        this.kafka = kafka;
        this.database = database;
    }

    /** Each check's state, {@code UP} or {@code DOWN}. */
    public Map<String, String> check() {
        Map<String, String> states = new LinkedHashMap<>();
        states.put("kafka", kafka.getAsBoolean() ? "UP" : "DOWN");
        states.put("database", database.getAsBoolean() ? "UP" : "DOWN");
        return states;
    }

    public boolean up() {
        return !check().containsValue("DOWN");
    }

    public static BooleanSupplier reachable(DataSource dataSource) {
        return () -> {
            try (Connection c = dataSource.getConnection()) {
                return c.isValid(DB_VALIDATION_SECONDS);
            } catch (SQLException e) {
                return false;
            }
        };
    }
}
