package io.livepeerpool.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineCpuTest {
    @Test
    void busyIsUserNiceSystemIrqAndSoftirqNotIdleIowaitOrSteal() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        MachineCpu cpu = MachineCpu.parse(List.of("cpu  100 10 50 800 20 5 15 40 0 0",
                "cpu0 50 5 25 400 10 2 8 20 0 0", "cpu1 50 5 25 400 10 3 7 20 0 0", "intr 12345"));

        assertThat(cpu.busyTicks()).isEqualTo(180);
        assertThat(cpu.totalTicks()).isEqualTo(1040);
        assertThat(cpu.cores()).isEqualTo(2);
    }

    @Test
    void busySecondsAreTheBusyShareOfAllCoresOverTheWallTime() {
        MachineCpu before = new MachineCpu(1_000, 10_000, 2);
        MachineCpu after = new MachineCpu(1_000 + 1_500, 10_000 + 2_000, 2);

        // 75% of 2 cores for 10 s
        assertThat(after.busySecondsSince(before, 10.0)).isEqualTo(15.0);
        assertThat(before.busySecondsSince(before, 10.0)).as("no ticks passed: unknown, not zero").isNaN();
    }

    @Test
    void aLineThatIsNotTheCpuLineIsRefused() {
        assertThatThrownBy(() -> MachineCpu.parse(List.of("intr 1 2 3"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thisMachineTellsWhereItHasProcStat() {
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/stat"))) {
            MachineCpu cpu = MachineCpu.now().orElseThrow();
            assertThat(cpu.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(cpu.busyTicks()).isPositive().isLessThan(cpu.totalTicks());
        } else {
            assertThat(MachineCpu.now()).isEmpty();
        }
    }
}
