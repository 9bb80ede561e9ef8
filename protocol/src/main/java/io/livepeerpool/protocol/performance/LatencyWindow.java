package io.livepeerpool.protocol.performance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The totals of a transcoder's last {@code windowJobs} jobs, oldest first. Immutable: {@link #add} returns the next
 * window, so the topology stores the list and the tests compare values.
 */
public record LatencyWindow(int windowJobs, List<Long> totalsMs) {
    public static final int WINDOW_JOBS_MAX = 10_000;

    public LatencyWindow {
        if (windowJobs < 1 || windowJobs > WINDOW_JOBS_MAX) {
            throw new IllegalArgumentException("windowJobs must be 1-" + WINDOW_JOBS_MAX + ", got " + windowJobs);
        }
        totalsMs = List.copyOf(totalsMs);
        if (totalsMs.size() > windowJobs) {
            throw new IllegalArgumentException("a window of " + windowJobs + " holds " + totalsMs.size() + " jobs");
        }
        for (long total : totalsMs) {
            if (total < 0) {
                throw new IllegalArgumentException("a job total is >= 0, got " + total);
            }
        }
    }

    public static LatencyWindow empty(int windowJobs) {
        return new LatencyWindow(windowJobs, List.of());
    }

    /**
     * A stored window read back under the current setting: if {@code windowJobs} was lowered, only the newest totals
     * are kept.
     */
    public static LatencyWindow restore(int windowJobs, List<Long> totalsMs) {
        int from = Math.max(0, totalsMs.size() - windowJobs);
        return new LatencyWindow(windowJobs, totalsMs.subList(from, totalsMs.size()));
    }

    /** The job's total: its three phases added; each >= 0. */
    public static long total(long downloadMs, long transcodeMs, long uploadMs) {
        if (downloadMs < 0 || transcodeMs < 0 || uploadMs < 0) {
            throw new IllegalArgumentException("phase times are >= 0");
        }
        return Math.addExact(Math.addExact(downloadMs, transcodeMs), uploadMs);
    }

    /** This window with {@code totalMs} added as the newest job, the oldest dropped when full. */
    public LatencyWindow add(long totalMs) {
        List<Long> next = new ArrayList<>(totalsMs.size() + 1);
        next.addAll(totalsMs.size() == windowJobs ? totalsMs.subList(1, totalsMs.size()) : totalsMs);
        next.add(totalMs);
        return new LatencyWindow(windowJobs, next);
    }

    public LatencyFigures figures() {
        if (totalsMs.isEmpty()) {
            return LatencyFigures.NONE;
        }
        long[] sorted = totalsMs.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new LatencyFigures(nearestRank(sorted, 50), nearestRank(sorted, 95), sorted.length);
    }

    /** The smallest value with at least {@code percent}% of the values at or below it. */
    private static long nearestRank(long[] sorted, int percent) {
        int rank = (percent * sorted.length + 99) / 100; // ceil(percent/100 x n) in integers
        return sorted[Math.max(1, rank) - 1];
    }
}
