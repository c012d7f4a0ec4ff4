package org.gridmint.provider.hardware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.gridmint.api.GpuInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lists NVIDIA GPUs by running {@code nvidia-smi}; any failure of the tool means zero GPUs, with the reason. */
public final class NvidiaSmiProbe implements GpuProbe {
    private static final Logger log = LoggerFactory.getLogger(NvidiaSmiProbe.class);
    static final List<String> QUERY = List.of("--query-gpu=name,memory.total,uuid", "--format=csv,noheader,nounits");

    private final String binary;
    private final Duration timeout;

    /** @param binary a path, or a bare name looked up on PATH (normally {@code nvidia-smi}) */
    public NvidiaSmiProbe(String binary, Duration timeout) {
        this.binary = Objects.requireNonNull(binary, "binary");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (binary.isBlank()) throw new IllegalArgumentException("nvidia-smi path must not be blank");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }

    public NvidiaSmiProbe() {
        this("nvidia-smi", Duration.ofSeconds(15));
    }

    @Override
    public Result probe() {
        Result r = run();
        if (r.problem() != null) log.info("no GPUs: {}", r.problem());
        else log.info("found {} GPU(s): {}", r.gpus().size(), r.gpus());
        return r;
    }

    private Result run() {
        Path out = null;
        try {
            // A file, not a pipe: a hung nvidia-smi (a wedged driver does that) must not block us on a read.
            out = Files.createTempFile("gridmint-nvidia-smi", ".out");
            List<String> cmd = new ArrayList<>();
            cmd.add(binary);
            cmd.addAll(QUERY);
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            } catch (IOException e) {
                return Result.failed(binary + " cannot be run (" + e.getMessage() + ")");
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return Result.failed(binary + " did not answer within " + timeout.toSeconds() + "s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            return interpret(p.exitValue(), text);
        } catch (IOException e) {
            return Result.failed("cannot run " + binary + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted while running " + binary);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a stray temp file is not worth failing a probe for
                }
            }
        }
    }

    /** Turns nvidia-smi's exit status and output into GPUs; package-private so the parsing is testable on its own. */
    static Result interpret(int exitCode, String output) {
        String firstLine = output.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        if (output.toLowerCase(Locale.ROOT).contains("couldn't communicate with the nvidia driver")) {
            return Result.failed("nvidia-smi could not communicate with the NVIDIA driver: " + firstLine);
        }
        if (exitCode != 0) {
            return Result.failed("nvidia-smi exited with status " + exitCode + (firstLine.isEmpty() ? "" : ": " + firstLine));
        }
        List<GpuInfo> gpus = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String line : output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            GpuInfo gpu = parseLine(line);
            if (gpu == null) bad.add(line);
            else gpus.add(gpu);
        }
        if (gpus.isEmpty() && !bad.isEmpty()) return Result.failed("nvidia-smi printed nothing we understand: " + bad.getFirst());
        return new Result(gpus, bad.isEmpty() ? null : "ignored unparseable nvidia-smi lines: " + bad);
    }

    /** One "name, memory MiB, uuid" line; fields are taken from the right so a comma in a model name survives. */
    static GpuInfo parseLine(String line) {
        int lastComma = line.lastIndexOf(',');
        if (lastComma < 0) return null;
        int memComma = line.lastIndexOf(',', lastComma - 1);
        if (memComma <= 0) return null;
        String name = line.substring(0, memComma).strip();
        String memory = line.substring(memComma + 1, lastComma).strip();
        String uuid = line.substring(lastComma + 1).strip();
        if (name.isEmpty() || uuid.isEmpty()) return null;
        long memoryMb;
        try {
            memoryMb = Long.parseLong(memory);
        } catch (NumberFormatException e) {
            // "[N/A]" shows up on some virtualised GPUs: still a GPU, just with unknown memory.
            if (!memory.startsWith("[")) return null;
            memoryMb = 0;
        }
        return new GpuInfo(name, memoryMb, uuid);
    }
}
