package org.gridmint.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridmint.api.json.Json;

/**
 * Agents in a second JVM started from this one's class path, driven through {@link AgentProcess}'s line
 * protocol. The JVM starts and connects before the first phase, so its start-up is never timed.
 */
final class AgentJvm implements Agents {
    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;

    private AgentJvm(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** @param keyDir where the key pair of the providers' owner is, which the agents sign with */
    static AgentJvm start(URI coordinator, List<String> providers, Path keyDir, int batch, long waitMillis, String heap) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx" + heap, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), AgentProcess.class.getName(),
                "--url", coordinator.toString(), "--providers", String.join(",", providers), "--key-dir", keyDir.toString(),
                "--batch", String.valueOf(batch), "--wait", String.valueOf(waitMillis))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        AgentJvm jvm = new AgentJvm(p);
        try {
            jvm.await(AgentProcess.READY);
        } catch (IOException | RuntimeException e) {
            jvm.close();
            throw e;
        }
        return jvm;
    }

    @Override
    public AgentReport run(int tasks, Duration timeout) throws IOException {
        in.println(AgentProcess.RUN + " " + tasks + " " + Math.max(1, timeout.toSeconds()));
        String line = await(AgentProcess.RESULT);
        return Json.read(line.substring(AgentProcess.RESULT.length()).getBytes(StandardCharsets.UTF_8), AgentReport.class);
    }

    private String await(String prefix) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) return line;
            System.err.println("[agent-jvm] " + line);
        }
        throw new IOException("the agent JVM exited (status " + exitStatus() + ") before it said " + prefix.strip());
    }

    private String exitStatus() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public void close() {
        in.println(AgentProcess.EXIT);
        in.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
