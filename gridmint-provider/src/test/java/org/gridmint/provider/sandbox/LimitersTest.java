package org.gridmint.provider.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitersTest {
    @TempDir
    Path dir;

    private int run(Limiter limiter, ResourceLimits limits, String script) throws Exception {
        SandboxSpec spec = new SandboxSpec("limits-test-" + System.nanoTime(), List.of("sh", "-c", script), dir,
                Map.of("PATH", "/usr/bin:/bin"), false, false, limits);
        try (Launch launch = new UnsandboxedRunner(limiter).prepare(spec)) {
            Process p = launch.builder().redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
            return p.exitValue();
        }
    }

    @Test
    void detect_namesTheMechanismItChose() {
        Limiter l = Limiters.detect();

        assertThat(l.kind()).isIn("cgroup v2", "cgroup v1", "prlimit", "none");
        assertThat(l.describe()).startsWith(l.kind());
    }

    @Test
    void memoryLimit_stopsATaskThatNeedsMore() throws Exception {
        Limiter l = Limiters.detect();
        assumeTrue(!l.kind().equals("none"), "no limit mechanism on this host");
        // tail -n keeps a line in memory until its newline comes, and /dev/zero has none: 300 MB held at once.
        String hog = "head -c 300000000 /dev/zero | tail -n 1 > /dev/null";

        assertThat(run(l, new ResourceLimits(0, 64, 0), hog)).isNotZero();
        assertThat(run(l, ResourceLimits.NONE, hog)).isZero();
    }

    @Test
    void pidsLimit_stopsAForkBomb_underCgroups() throws Exception {
        Limiter l = Limiters.detect();
        assumeTrue(l.kind().startsWith("cgroup"), "pids are only counted per task under cgroups");

        int exit = run(l, new ResourceLimits(0, 0, 8), "for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do sleep 2 & done || exit 42; wait");

        assertThat(exit).isNotZero();
    }

    @Test
    void prlimit_prefixesTheLimits() throws Exception {
        var l = Limiters.prlimit();
        assumeTrue(l.isPresent(), "prlimit is not installed");

        List<String> prefix = l.get().open("x", new ResourceLimits(2, 100, 10)).prefix();

        assertThat(prefix.getFirst()).endsWith("prlimit");
        assertThat(prefix).contains("--as=" + 100L * 1024 * 1024).endsWith("--");
        assertThat(run(l.get(), new ResourceLimits(0, 64, 0), "head -c 300000000 /dev/zero | tail -n 1 > /dev/null")).isNotZero();
    }
}
