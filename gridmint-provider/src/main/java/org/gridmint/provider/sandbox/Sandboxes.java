package org.gridmint.provider.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the sandbox at agent start: bubblewrap when it works here, else plain processes only if the operator allowed it. */
public final class Sandboxes {
    private static final Logger log = LoggerFactory.getLogger(Sandboxes.class);

    private Sandboxes() {}

    /**
     * Returns bubblewrap when it is on PATH and can create its namespaces here; otherwise, with
     * {@code allowUnsandboxed}, an {@link UnsandboxedRunner} and a loud warning.
     *
     * @throws SandboxUnavailableException when bubblewrap is unusable and unsandboxed runs are not allowed
     */
    public static Sandbox detect(boolean allowUnsandboxed) {
        return choose(Executables.find("bwrap"), allowUnsandboxed, Limiters.detect());
    }

    /** {@link #detect} with its findings handed in, for tests. */
    static Sandbox choose(Optional<Path> bwrap, boolean allowUnsandboxed, Limiter limiter) {
        String problem;
        if (bwrap.isEmpty()) {
            problem = "bubblewrap (bwrap) is not on PATH";
        } else {
            problem = smokeTest(new BubblewrapSandbox(bwrap.get(), Limiters.NONE)).orElse(null);
            if (problem == null) {
                Sandbox s = new BubblewrapSandbox(bwrap.get(), limiter);
                log.info("sandbox: {}", s.describe());
                return s;
            }
        }
        if (!allowUnsandboxed) {
            throw new SandboxUnavailableException(problem + "; install it (apt-get install bubblewrap) or pass --allow-unsandboxed"
                    + " to run other people's commands on this machine without isolation");
        }
        Sandbox s = new UnsandboxedRunner(limiter);
        log.warn("""

                ************************************************************************
                  NO SANDBOX: {}.
                  Tasks run as this agent's user with full access to its files and the
                  network (--allow-unsandboxed). Run only jobs you trust.
                ************************************************************************""", problem);
        log.info("sandbox: {}", s.describe());
        return s;
    }

    /**
     * Runs {@code true} through the sandbox exactly as a task would run: bwrap on PATH is not enough when the
     * kernel forbids unprivileged user namespaces.
     */
    static Optional<String> smokeTest(Sandbox sandbox) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("gridmint-sandbox-check");
            // With a memory limit, so that the options it brings (a sized /tmp) are tried too.
            SandboxSpec spec = new SandboxSpec("smoke-test", List.of("true"), dir, Map.of("PATH", "/usr/bin:/bin"), false, false,
                    new ResourceLimits(0, 64, 0));
            try (Launch launch = sandbox.prepare(spec)) {
                Path out = dir.resolve("out");
                Process p = launch.builder().redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return Optional.of("bubblewrap did not finish a test run within 30s");
                }
                if (p.exitValue() != 0) {
                    String text = Files.readString(out, StandardCharsets.UTF_8).strip();
                    return Optional.of("bubblewrap cannot run here (exit " + p.exitValue() + (text.isEmpty() ? "" : ": " + text) + ")");
                }
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.of("bubblewrap cannot run here: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while testing bubblewrap");
        } finally {
            if (dir != null) deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover empty temp dir is harmless
        }
    }
}
