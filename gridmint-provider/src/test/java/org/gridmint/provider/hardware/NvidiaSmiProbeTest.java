package org.gridmint.provider.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.gridmint.api.GpuInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvidiaSmiProbeTest {
    @TempDir
    Path dir;

    private String fakeSmi(String body) throws IOException {
        Path script = dir.resolve("nvidia-smi");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }

    @Test
    void probe_listsOneGpuPerLine() throws IOException {
        String smi = fakeSmi("""
                [ "$1" = "--query-gpu=name,memory.total,uuid" ] || exit 2
                echo 'NVIDIA GeForce RTX 4090, 24564, GPU-0a1b'
                echo 'Tesla T4, 15360, GPU-2c3d'
                """);

        GpuProbe.Result r = new NvidiaSmiProbe(smi, Duration.ofSeconds(30)).probe();

        assertThat(r.problem()).isNull();
        assertThat(r.gpus()).containsExactly(new GpuInfo("NVIDIA GeForce RTX 4090", 24564, "GPU-0a1b"), new GpuInfo("Tesla T4", 15360, "GPU-2c3d"));
    }

    @Test
    void probe_whenDriverUnreachable_findsNoGpuAndSaysWhy() throws IOException {
        String smi = fakeSmi("""
                echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running."
                exit 9
                """);

        GpuProbe.Result r = new NvidiaSmiProbe(smi, Duration.ofSeconds(30)).probe();

        assertThat(r.gpus()).isEmpty();
        assertThat(r.problem()).contains("could not communicate with the NVIDIA driver");
    }

    @Test
    void probe_whenBinaryMissing_findsNoGpuAndSaysWhy() {
        GpuProbe.Result r = new NvidiaSmiProbe(dir.resolve("no-such-nvidia-smi").toString(), Duration.ofSeconds(30)).probe();

        assertThat(r.gpus()).isEmpty();
        assertThat(r.problem()).contains("cannot be run");
    }

    @Test
    void probe_whenExitNonZero_findsNoGpuAndSaysWhy() throws IOException {
        String smi = fakeSmi("echo 'No devices were found' >&2; exit 6");

        GpuProbe.Result r = new NvidiaSmiProbe(smi, Duration.ofSeconds(30)).probe();

        assertThat(r.gpus()).isEmpty();
        assertThat(r.problem()).contains("status 6").contains("No devices were found");
    }

    @Test
    void probe_whenHung_givesUpAfterTimeout() throws IOException {
        String smi = fakeSmi("exec sleep 600");

        GpuProbe.Result r = new NvidiaSmiProbe(smi, Duration.ofMillis(300)).probe();

        assertThat(r.gpus()).isEmpty();
        assertThat(r.problem()).contains("did not answer");
    }

    @Test
    void parseLine_keepsCommasInModelNamesAndToleratesUnknownMemory() {
        assertThat(NvidiaSmiProbe.parseLine("NVIDIA A100-SXM4-80GB, Rev 2, 81920, GPU-aa"))
                .isEqualTo(new GpuInfo("NVIDIA A100-SXM4-80GB, Rev 2", 81920, "GPU-aa"));
        assertThat(NvidiaSmiProbe.parseLine("GRID V100, [N/A], GPU-bb")).isEqualTo(new GpuInfo("GRID V100", 0, "GPU-bb"));
        assertThat(NvidiaSmiProbe.parseLine("garbage")).isNull();
        assertThat(NvidiaSmiProbe.parseLine("name, lots, GPU-cc")).isNull();
    }

    @Test
    void interpret_withNoOutput_isZeroGpusWithoutProblem() {
        GpuProbe.Result r = NvidiaSmiProbe.interpret(0, "");

        assertThat(r.gpus()).isEmpty();
        assertThat(r.problem()).isNull();
    }

    @Test
    void interpret_skipsUnparseableLinesButKeepsGoodOnes() {
        GpuProbe.Result r = NvidiaSmiProbe.interpret(0, "Tesla T4, 15360, GPU-1\nWARNING: something\n");

        assertThat(r.gpus()).extracting(GpuInfo::model).containsExactly("Tesla T4");
        assertThat(r.problem()).contains("WARNING");
    }
}
