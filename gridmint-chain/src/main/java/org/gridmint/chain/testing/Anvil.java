package org.gridmint.chain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A local anvil chain (Foundry's dev node from npm) on a free loopback port, for tests and benchmarks: chain id 31337,
 * ten funded dev keys, mining on every transaction and every second. Close it to stop the process.
 */
public final class Anvil implements AutoCloseable {
    static final String RELATIVE = "chain/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** Anvil's dev accounts from the "test test … junk" mnemonic: the well-known, publicly funded-on-dev-chains keys. */
    private static final List<String> DEV_KEYS = List.of(
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
            "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
            "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
            "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
            "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
            "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
            "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
            "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
            "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6");

    private final Process process;
    private final Path log;
    private final String rpcUrl;
    private final HttpClient http;
    private final Thread reaper;
    private final ObjectMapper json = new ObjectMapper();
    private final java.util.concurrent.atomic.AtomicInteger nextId = new java.util.concurrent.atomic.AtomicInteger(1);

    private Anvil(Process process, Path log, String rpcUrl, HttpClient http) {
        this.process = process;
        this.log = log;
        this.rpcUrl = rpcUrl;
        this.http = http;
        // A test that dies before close() must not leave a chain running.
        this.reaper = new Thread(process::destroyForcibly, "anvil-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** The anvil binary: {@code GRIDMINT_ANVIL}, else {@code chain/node_modules/...} in user.dir or a folder above it. */
    public static Optional<Path> binary() {
        String env = System.getenv("GRIDMINT_ANVIL");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env.strip());
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve(RELATIVE);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** Why anvil cannot start here and how to install it. */
    public static String unavailableReason() {
        String env = System.getenv("GRIDMINT_ANVIL");
        if (env != null && !env.isBlank()) return "GRIDMINT_ANVIL=" + env + " is not an executable file; unset it or point it at anvil";
        return "anvil not found: run `cd chain && npm ci` (installs @foundry-rs/anvil 1.7.1), or set GRIDMINT_ANVIL";
    }

    /** Starts anvil on a free loopback port and waits until it answers; a port taken meanwhile is retried on another. */
    public static Anvil start() {
        Path bin = binary().orElseThrow(() -> new IllegalStateException(unavailableReason()));
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            int port = freePort();
            Path log;
            try {
                log = Files.createTempFile("gridmint-anvil-", ".log");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Process p;
            try {
                p = new ProcessBuilder(bin.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                        "--mixed-mining", "--block-time", "1", "--silent")
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                http.close();
                throw new UncheckedIOException("cannot start " + bin + ": " + e.getMessage(), e);
            }
            Anvil anvil = new Anvil(p, log, "http://127.0.0.1:" + port, http);
            try {
                anvil.awaitReady();
                return anvil;
            } catch (IllegalStateException e) {
                anvil.close();
                last = e;
            }
        }
        throw last;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("anvil exited with " + process.exitValue() + " before answering: " + logTail());
            try {
                if ("0x7a69".equals(rpc("eth_chainId").asText())) return;
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while anvil started", e);
            }
        }
        throw new IllegalStateException("anvil did not answer eth_chainId 31337 on " + rpcUrl + " within " + START_TIMEOUT.toSeconds() + " s: " + logTail());
    }

    public String rpcUrl() {
        return rpcUrl;
    }

    /** Anvil's ten funded dev keys (0x hex), the first being the usual deployer. */
    public List<String> devPrivateKeys() {
        return DEV_KEYS;
    }

    /** Mines {@code blocks} empty blocks at once (to move a chain head past confirmations). */
    public void mine(int blocks) {
        if (blocks < 1) throw new IllegalArgumentException("blocks must be >= 1, was " + blocks);
        rpc("anvil_mine", "0x" + Integer.toHexString(blocks));
    }

    /** Snapshots the chain's state; {@link #revert} returns to it. */
    public String snapshot() {
        return rpc("evm_snapshot").asText();
    }

    /** Returns to the state of {@code id} (which is used up, as anvil's evm_revert does). */
    public void revert(String id) {
        if (!rpc("evm_revert", id).asBoolean()) throw new IllegalStateException("anvil has no snapshot " + id);
    }

    /** Moves the next block's timestamp forward by {@code seconds} and mines it: epochs end without waiting for them. */
    public void increaseTime(long seconds) {
        rpc("evm_increaseTime", seconds);
        mine(1);
    }

    /** One JSON-RPC call to this anvil; an error answer is an IllegalStateException with the node's message. */
    public JsonNode rpc(String method, Object... params) {
        try {
            String body = json.writeValueAsString(java.util.Map.of("jsonrpc", "2.0", "id", nextId.getAndIncrement(), "method", method, "params", List.of(params)));
            HttpRequest req = HttpRequest.newBuilder(URI.create(rpcUrl)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            JsonNode answer = json.readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
            if (answer.has("error")) throw new IllegalStateException(method + " failed: " + answer.get("error"));
            return answer.get("result");
        } catch (IOException e) {
            throw new UncheckedIOException(method + " to " + rpcUrl + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops anvil: a polite signal first, then forcibly after 5 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        http.close();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will: nothing to remove
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    private String logTail() {
        try {
            String s = Files.readString(log);
            return s.isBlank() ? "(no output)" : s.substring(Math.max(0, s.length() - 2000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
