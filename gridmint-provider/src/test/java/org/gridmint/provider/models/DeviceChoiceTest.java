package org.gridmint.provider.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.gridmint.api.ModelOffer;
import org.gridmint.embed.Device;
import org.gridmint.embed.DevicePreference;
import org.junit.jupiter.api.Test;

/** How --device, the probed GPUs and the ONNX Runtime build decide where models run, and what the agent then advertises. */
class DeviceChoiceTest {
    private static final BooleanSupplier CUDA_BUILD = () -> true;
    private static final BooleanSupplier CPU_BUILD = () -> false;
    /** The build is only asked when it matters: asking loads ONNX Runtime's native library. */
    private static final BooleanSupplier NOT_ASKED = () -> {
        throw new AssertionError("the ONNX Runtime build was asked about without a reason");
    };

    @Test
    void auto_withoutGpu_runsOnCpu_withoutAskingTheBuild() {
        DeviceChoice c = DeviceChoice.decide(DevicePreference.AUTO, 0, NOT_ASKED);

        assertThat(c.device()).isEqualTo(Device.CPU);
        assertThat(c.reason()).isEqualTo("no GPU found");
        assertThat(c.wastedGpu()).isFalse();
    }

    @Test
    void auto_withGpuAndCudaBuild_runsOnCuda() {
        DeviceChoice c = DeviceChoice.decide(DevicePreference.AUTO, 2, CUDA_BUILD);

        assertThat(c.device()).isEqualTo(Device.CUDA);
        assertThat(c.reason()).contains("2 GPU(s) found").contains("CUDA");
    }

    @Test
    void auto_withGpuButCpuOnlyBuild_runsOnCpu_andSaysTheGpuIsWasted() {
        DeviceChoice c = DeviceChoice.decide(DevicePreference.AUTO, 1, CPU_BUILD);

        assertThat(c.device()).isEqualTo(Device.CPU);
        assertThat(c.wastedGpu()).isTrue();
        assertThat(c.reason()).contains("CPU-only").contains("onnxruntime_gpu");
    }

    @Test
    void cpu_isTakenAsAsked() {
        assertThat(DeviceChoice.decide(DevicePreference.CPU, 4, NOT_ASKED).device()).isEqualTo(Device.CPU);
    }

    @Test
    void cuda_thatCannotBeHad_failsNamingTheFlag() {
        assertThatThrownBy(() -> DeviceChoice.decide(DevicePreference.CUDA, 0, NOT_ASKED)).hasMessageContaining("--device cuda").hasMessageContaining("no NVIDIA GPU");
        assertThatThrownBy(() -> DeviceChoice.decide(DevicePreference.CUDA, 1, CPU_BUILD)).hasMessageContaining("--device cuda")
                .hasMessageContaining("no CUDA execution provider");
        assertThat(DeviceChoice.decide(DevicePreference.CUDA, 1, CUDA_BUILD).device()).isEqualTo(Device.CUDA);
    }

    @Test
    void agentModels_offerEachServedModel_onItsDevice_atTheTokenPrice() {
        try (AgentModels m = AgentModels.open(List.of("all-minilm-l6-v2", "all-minilm-l6-v2-q"), DevicePreference.AUTO, 0, new BigDecimal("0.05"), NOT_ASKED)) {
            assertThat(m.offers()).containsExactly(new ModelOffer("all-minilm-l6-v2", "cpu", 384, new BigDecimal("0.05")),
                    new ModelOffer("all-minilm-l6-v2-q", "cpu", 384, new BigDecimal("0.05")));
            assertThat(m.describe()).isEqualTo("serving all-minilm-l6-v2, all-minilm-l6-v2-q on cpu (no GPU found), at 0.05 credits per 1M tokens online");
        }
        try (AgentModels none = AgentModels.open(List.of(), DevicePreference.AUTO, 0, BigDecimal.ZERO, NOT_ASKED)) {
            assertThat(none.offers()).isEmpty();
            assertThat(none.describe()).contains("no embedding models");
        }
    }
}
