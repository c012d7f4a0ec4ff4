package org.gridmint.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gridmint.cli.Cli;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.embed.ModelCatalog;
import org.gridmint.embed.ModelInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider's model flags (--models, --device, --token-price): checked before anything starts, documented, and echoed at start. */
class ProviderModelFlagsTest {
    @TempDir Path tmp;

    private Cli.Result providerAt(String coordinator, String... flags) {
        var args = new ArrayList<>(List.of("provider", "--coordinator", coordinator, "--data-dir", tmp.resolve("agent").toString(),
                "--allow-unsandboxed"));
        args.addAll(List.of(flags));
        // No GPU unless a test brings its own nvidia-smi, whatever machine the test runs on.
        if (!args.contains("--nvidia-smi")) args.addAll(List.of("--nvidia-smi", tmp.resolve("no-nvidia-smi").toString()));
        return Cli.run(Map.of(), args.toArray(String[]::new));
    }

    private Cli.Result provider(String... flags) {
        return providerAt("http://127.0.0.1:9", flags);
    }

    @Test
    void models_unknownName_isAUsageError_listingTheKnownModels_thatStartsNothing() {
        Cli.Result r = provider("--models", "all-minilm-l6-v2-q,gpt-9");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--models: unknown model 'gpt-9'; known models: all-minilm-l6-v2-q, all-minilm-l6-v2 (or none)");
        assertThat(Files.exists(tmp.resolve("agent"))).as("nothing started").isFalse();
    }

    @Test
    void models_withAnEmptyName_isAUsageError() {
        Cli.Result r = provider("--models", "all-minilm-l6-v2-q,,all-minilm-l6-v2");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--models has an empty name");
    }

    @Test
    void device_outsideAutoCpuCuda_isAUsageError() {
        Cli.Result r = provider("--device", "tpu");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--device must be one of auto, cpu, cuda, got 'tpu'");
        assertThat(Files.exists(tmp.resolve("agent"))).isFalse();
    }

    @Test
    void tokenPrice_belowZero_orNotANumber_isAUsageError_namingTheFlag() {
        Cli.Result negative = provider("--token-price", "-0.5");
        Cli.Result text = provider("--token-price", "cheap");

        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.err()).contains("--token-price must be at least 0").contains("got -0.5");
        assertThat(text.exit()).isEqualTo(2);
        assertThat(text.err()).contains("--token-price");
    }

    @Test
    void deviceCuda_withAGpuButTheCpuOnlyBuild_failsAtStart_sayingWhy() throws Exception {
        Path smi = tmp.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\necho 'Tesla T4, 15360, GPU-1'\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));

        Cli.Result r = provider("--device", "cuda", "--nvidia-smi", smi.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("--device cuda: this ONNX Runtime build has no CUDA execution provider").contains("onnxruntime_gpu");
    }

    @Test
    void help_documentsTheModelFlags_andNamesEveryCatalogModel() {
        Cli.Result r = Cli.run(Map.of(), "provider", "--help");

        String help = r.out().replaceAll("\\s+", " ");
        assertThat(help).contains("--models=LIST").contains("--device=auto|cpu|cuda").contains("--token-price=CREDITS")
                .contains("credits per 1M tokens").contains("default: 0.02").contains("default: auto").contains("or none");
        for (ModelInfo m : ModelCatalog.all()) assertThat(help).contains(m.name() + ":");
    }

    @Test
    void provider_saysAtStartWhichModelsItServes_onWhichDevice() throws Exception {
        try (Coordinator coordinator = new Coordinator(CoordinatorConfig.defaults(tmp.resolve("coordinator")).withPort(0), InstantSource.system()).start()) {
            var run = CompletableFuture.supplyAsync(() -> providerAt(coordinator.url(), "--models", "all-minilm-l6-v2-q", "--token-price", "0.05",
                    "--claim-wait", "1s"));
            String id = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (id == null && System.nanoTime() < deadline && !run.isDone()) {
                id = coordinator.providers().list().providers().stream().map(p -> p.id()).findFirst().orElse(null);
                if (id == null) Thread.sleep(100);
            }
            assertThat(id).as("the agent registered").isNotNull();

            Cli.Result drain = Cli.run(Map.of(), "provider", "drain", id, "--coordinator", coordinator.url(), "--data-dir", tmp.resolve("agent").toString());
            Cli.Result r = run.get(60, TimeUnit.SECONDS);

            assertThat(drain.exit()).as(drain.err()).isZero();
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("serving all-minilm-l6-v2-q on cpu (no GPU found), at 0.05 credits per 1M tokens online");
        }
    }
}
