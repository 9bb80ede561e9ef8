package io.livepeerpool.gateway.reads;

/**
 * One transcoder of {@code /getTranscoders}: its status and sessions, its jobs and their pixels over the last 24 h,
 * its balance and what it has been paid (wei as decimal strings).
 */
public record TranscoderView(
        String transcoder,
        String status,
        int maxSessions,
        long jobsLast24h,
        long pixelsLast24h,
        String balance,
        String paidTotal) {
}
