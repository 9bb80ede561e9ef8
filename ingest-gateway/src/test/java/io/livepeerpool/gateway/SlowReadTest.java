package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.devstack.Devstack;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A public read that PostgreSQL cannot answer in time is cancelled by the statement timeout and answered 503 JSON
 * within the bound, instead of holding a request thread and a connection. The fault is real: another session holds
 * an exclusive lock on the table the read needs, so the read blocks inside PostgreSQL like a slow query.
 */
class SlowReadTest {

    @Test
    void aBlockedReadIsCancelledAndAnswered503WithinTheStatementTimeout(@TempDir Path dir) throws Exception {
        Devstack devstack = TestGateway.devstack();
        try (TestGateway gateway = TestGateway.start(dir, Map.of("gateway.db.statementTimeoutMs", "500"))) {
            assertThat(gateway.get("/getTranscodersJobs").status()).isEqualTo(200);
            try (Connection locker = DriverManager.getConnection(devstack.jdbcUrl(), devstack.jdbcUser(), devstack.jdbcPassword());
                 Statement lock = locker.createStatement()) {
                locker.setAutoCommit(false);
                lock.execute("LOCK TABLE transcoder_jobs IN ACCESS EXCLUSIVE MODE");

                long started = System.nanoTime();
                TestGateway.Answer answer = gateway.get("/getTranscodersJobs");
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.error()).isEqualTo("unavailable");
                assertThat(answer.json().get("message").asText()).contains("took too long");
                assertThat(answer.json().has("field")).isTrue();
                assertThat(took).as("cancelled at the 500 ms statement timeout").isLessThan(Duration.ofSeconds(3));
                locker.rollback();
            }
            assertThat(gateway.get("/getTranscodersJobs").status()).as("the next read is served again").isEqualTo(200);
            assertThat(gateway.ops("/metrics").body()).contains("gateway_rejected_total{reason=\"database_timeout\"}");
        }
    }

    @Test
    void aQueryThatSleepsPastTheTimeoutIsCancelledByPostgres(@TempDir Path dir) throws Exception {
        try (var pool = io.livepeerpool.readmodel.ReadModelDatabase.pool(TestGateway.devstack().jdbcUrl(),
                TestGateway.devstack().jdbcUser(), TestGateway.devstack().jdbcPassword(), 1, "slow-read-test",
                Duration.ofMillis(300));
             Connection c = pool.getConnection();
             Statement s = c.createStatement()) {
            long started = System.nanoTime();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.execute("SELECT pg_sleep(10)"))
                    .isInstanceOfSatisfying(java.sql.SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
