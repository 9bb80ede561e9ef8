package io.livepeerpool.protocol.performance;

import java.math.BigDecimal;

/** The policy's decision on one benchmark: admitted with a session count, or excluded. Each says why. */
public sealed interface Admission {

    String STATUS_ADMITTED = "admitted";
    String STATUS_EXCLUDED = "excluded";

    /** {@code admitted} or {@code excluded}, as the API and the topics spell it. */
    String status();

    /** Sessions the orchestrator may give this transcoder at once; 0 when excluded. */
    int maxSessions();

    String reason();

    /**
     * @param estimateMs the policy's estimate for one reference segment at {@code maxSessions} sessions
     */
    record Admitted(int maxSessions, BigDecimal estimateMs, String reason) implements Admission {
        public Admitted {
            if (maxSessions < 1) {
                throw new IllegalArgumentException("an admitted transcoder has at least one session, got " + maxSessions);
            }
        }

        @Override
        public String status() {
            return STATUS_ADMITTED;
        }
    }

    /** @param estimateMs the policy's estimate for one reference segment with a single session */
    record Excluded(BigDecimal estimateMs, String reason) implements Admission {
        @Override
        public String status() {
            return STATUS_EXCLUDED;
        }

        @Override
        public int maxSessions() {
            return 0;
        }
    }
}
