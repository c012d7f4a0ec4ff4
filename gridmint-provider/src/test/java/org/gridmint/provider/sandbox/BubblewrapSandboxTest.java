package org.gridmint.provider.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real commands under bwrap; skipped where bubblewrap is missing (CI installs it). */
class BubblewrapSandboxTest {
    private static BubblewrapSandbox sandbox;

    @TempDir
    Path work;

    @BeforeAll
    static void needsBubblewrap() {
        Optional<Path> bwrap = Executables.find("bwrap");
        assumeTrue(bwrap.isPresent(), "bubblewrap is not installed");
        sandbox = new BubblewrapSandbox(bwrap.get(), Limiters.NONE);
        assumeTrue(Sandboxes.smokeTest(sandbox).isEmpty(), () -> "bubblewrap cannot run here: " + Sandboxes.smokeTest(sandbox));
    }

    private record Result(int exit, String output) {}

    private Result run(boolean network, String script) throws Exception {
        SandboxSpec spec = new SandboxSpec("bwrap-test", List.of("sh", "-c", script), work, Map.of("PATH", "/usr/bin:/bin", "FOO", "bar baz"),
                network, false, ResourceLimits.NONE);
        try (Launch launch = sandbox.prepare(spec)) {
            Path out = Files.createTempFile("bwrap-test", ".out");
            try {
                Process p = launch.builder().redirectErrorStream(true).redirectOutput(out.toFile()).start();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.delete(out);
            }
        }
    }

    @Test
    void task_writesItsWorkDirAndTmp_asAnUnprivilegedUser_withOnlyTheGivenEnvironment() throws Exception {
        Result r = run(false, "echo hello > result.txt && echo scratch > /tmp/scratch && id -u && pwd && echo \"FOO=$FOO HOME=${HOME:-unset}\"");

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output().lines()).containsExactly("65534", "/work", "FOO=bar baz HOME=unset");
        assertThat(work.resolve("result.txt")).hasContent("hello");
    }

    @Test
    void task_cannotWriteOutsideItsWorkDir(@TempDir Path outside) throws Exception {
        Result r = run(false, "for f in " + outside.resolve("escaped") + " /etc/escaped /usr/escaped /escaped; do "
                + "(echo x > $f) 2>/dev/null && echo wrote $f; done; true");

        assertThat(r.output()).doesNotContain("wrote");
        assertThat(outside.resolve("escaped")).doesNotExist();
        assertThat(Path.of("/etc/escaped")).doesNotExist();
        assertThat(Path.of("/escaped")).doesNotExist();
    }

    @Test
    void task_cannotReadHostSecrets() throws Exception {
        assumeTrue(Files.exists(Path.of("/etc/shadow")), "no /etc/shadow here");

        Result r = run(false, "cat /etc/shadow; ls /etc/ssh");

        assertThat(r.output()).doesNotContain("root:").doesNotContain("ssh_host");
    }

    @Test
    void task_hasNoNetwork_unlessTheJobAllowsIt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the probe uses bash's /dev/tcp");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String probe = "exec bash -c 'echo > /dev/tcp/127.0.0.1/" + server.getLocalPort() + "' 2>&1";

            Result without = run(false, probe);
            Result with = run(true, probe);

            assertThat(without.exit()).as("connect without network: %s", without.output()).isNotZero();
            assertThat(with.exit()).as("connect with network: %s", with.output()).isZero();
        }
    }

    @Test
    void arguments_shareTheNetworkOnlyWhenAllowed() throws IOException {
        SandboxSpec spec = new SandboxSpec("x", List.of("true"), work, Map.of(), false, false, ResourceLimits.NONE);

        assertThat(sandbox.arguments(spec)).contains("--unshare-all", "--die-with-parent", "--clearenv").doesNotContain("--share-net");
        assertThat(sandbox.arguments(new SandboxSpec("x", List.of("true"), work, Map.of(), true, false, ResourceLimits.NONE)))
                .contains("--share-net");
    }
}
