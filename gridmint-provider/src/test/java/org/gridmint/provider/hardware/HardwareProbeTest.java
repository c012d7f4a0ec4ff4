package org.gridmint.provider.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gridmint.api.GpuInfo;
import org.junit.jupiter.api.Test;

class HardwareProbeTest {
    @Test
    void probe_reportsThisMachinesCpusAndMemory() {
        HardwareProbe.Hardware hw = new HardwareProbe(GpuProbe.none()).probe();

        assertThat(hw.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(hw.memoryMb()).isGreaterThan(Runtime.getRuntime().maxMemory() / (1024 * 1024) / 2);
        assertThat(hw.gpus()).isEmpty();
        assertThat(hw.gpuProblem()).isNotBlank();
    }

    @Test
    void probe_includesWhatTheGpuProbeFound() {
        GpuInfo t4 = new GpuInfo("Tesla T4", 15360, "GPU-1");

        HardwareProbe.Hardware hw = new HardwareProbe(() -> new GpuProbe.Result(List.of(t4), null)).probe();

        assertThat(hw.gpus()).containsExactly(t4);
        assertThat(hw.gpuProblem()).isNull();
    }
}
