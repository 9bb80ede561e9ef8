package io.livepeerpool.launcher.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The machine's CPU use from {@code /proc/stat} (Linux), so that a phase can report what the server spent per request
 * apart from what the load generator spent: on two shared cores a throughput ratio alone mixes the two, and a client
 * that takes 0.7 of a core in the baseline phase leaves the server less than it has in a signed phase.
 */
record MachineCpu(long busyTicks, long totalTicks, int cores) {
    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** Now, or empty where there is no {@code /proc/stat}. */
    static Optional<MachineCpu> now() {
        try {
            return Optional.of(parse(Files.readAllLines(PROC_STAT, StandardCharsets.US_ASCII)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The {@code cpu} line: user nice system idle iowait irq softirq steal ... in clock ticks. Busy is what ran on the
     * cores; idle, iowait and steal (time the hypervisor gave to another machine) are not.
     */
    static MachineCpu parse(List<String> procStat) {
        String[] f = procStat.getFirst().trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 9) {
            throw new IllegalArgumentException("not a /proc/stat cpu line: " + procStat.getFirst());
        }
        long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]);
        long total = busy + Long.parseLong(f[4]) + Long.parseLong(f[5]) + Long.parseLong(f[8]);
        int cores = (int) procStat.stream().filter(l -> l.matches("cpu\\d+ .*")).count();
        return new MachineCpu(busy, total, Math.max(1, cores));
    }

    /**
     * CPU seconds all processes used between {@code earlier} and this snapshot, {@code wallSeconds} apart: the busy
     * share of all ticks times the cores times the wall time, so the kernel's tick rate never enters.
     */
    double busySecondsSince(MachineCpu earlier, double wallSeconds) {
        long ticks = totalTicks - earlier.totalTicks;
        if (ticks <= 0) {
            return Double.NaN;
        }
        return (double) (busyTicks - earlier.busyTicks) / ticks * cores * wallSeconds;
    }
}
