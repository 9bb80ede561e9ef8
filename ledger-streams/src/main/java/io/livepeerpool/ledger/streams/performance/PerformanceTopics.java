package io.livepeerpool.ledger.streams.performance;

import io.livepeerpool.schemas.topics.Topics;

/** The topics the performance topology reads and writes: the catalogue's, or suffixed copies for tests. */
public record PerformanceTopics(String jobs, String registrations, String status) {

    public static PerformanceTopics catalogue() {
        return new PerformanceTopics(Topics.TRANSCODER_JOBS.name(), Topics.TRANSCODER_REGISTRATIONS.name(),
                Topics.TRANSCODER_STATUS.name());
    }

    public PerformanceTopics withSuffix(String suffix) {
        return new PerformanceTopics(jobs + "-" + suffix, registrations + "-" + suffix, status + "-" + suffix);
    }
}
