package org.gridmint.provider.agent;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.gridmint.api.Assignment;
import org.gridmint.embed.Vectors;
import org.gridmint.provider.runtime.EmbedRuntime;
import org.gridmint.provider.runtime.OutputTamper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only fault injection that makes an agent CHEAT: it returns wrong results for a share of its tasks, so that
 * tests and benchmarks can show that verification catches them. It can only be had through {@link #enable}, which
 * refuses unless the environment says {@value #ENV_VAR}={@value #ENV_VALUE}. Everything is deterministic: whether a
 * task is corrupted depends on (seed, job id, task index) only, and the wrong bytes on (seed, job id, task index,
 * file name) and the right bytes, so two colluding agents with one seed return identical wrong results. An {@code embed} task's
 * vectors ({@code .npy}) are replaced by random unit vectors of the same shape: a cheat that passes every format check,
 * as a provider skipping the model would, so that only comparing the vectors catches it.
 */
public final class FaultInjection implements OutputTamper {
    private static final Logger log = LoggerFactory.getLogger(FaultInjection.class);
    /** The environment variable that must allow fault injection; its value must be {@link #ENV_VALUE} exactly. */
    public static final String ENV_VAR = "GRIDMINT_ALLOW_FAULT_INJECTION";
    public static final String ENV_VALUE = "yes-this-agent-cheats";
    /** What the agent's version gets when it cheats, so the coordinator's listings show it. */
    public static final String VERSION_SUFFIX = "+fault-injection";
    /** Bytes appended to an empty output: it has none to change, and it must still come out wrong. */
    static final int EMPTY_FILE_BYTES = 8;
    private static final int CHUNK = 64 * 1024;

    private final double rate;
    private final long seed;
    private final LongAdder corruptedResults = new LongAdder();

    /** Fault injection was asked for without the environment's consent. */
    public static final class NotAllowedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotAllowedException(String message) {
            super(message);
        }
    }

    private FaultInjection(double rate, long seed) {
        this.rate = rate;
        this.seed = seed;
    }

    /**
     * Fault injection at {@code rate} (the share of tasks whose results are corrupted, 0 to 1) with {@code seed}.
     *
     * @param env the process environment; it must hold {@value #ENV_VAR}={@value #ENV_VALUE}
     * @throws NotAllowedException without that variable
     * @throws IllegalArgumentException for a rate outside [0, 1]
     */
    public static FaultInjection enable(double rate, long seed, Map<String, String> env) {
        if (!ENV_VALUE.equals(env.get(ENV_VAR))) {
            throw new NotAllowedException("--inject-wrong-results makes this agent return WRONG results on purpose (a test-only fault);"
                    + " it is refused unless the environment has " + ENV_VAR + "=" + ENV_VALUE);
        }
        if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException("--inject-wrong-results must be between 0 and 1, got " + rate);
        return new FaultInjection(rate, seed);
    }

    public double rate() {
        return rate;
    }

    public long seed() {
        return seed;
    }

    /** Results this agent corrupted so far. */
    public long corruptedResults() {
        return corruptedResults.sum();
    }

    /** Whether this agent returns wrong results for the task; rate 0 never, rate 1 always. */
    public boolean corrupts(String jobId, int taskIndex) {
        long h = new SplitMix64(key(jobId, taskIndex, "")).next();
        return (h >>> 11) * 0x1.0p-53 < rate;
    }

    /** The wrong bytes this agent returns for an output file that should hold {@code data}. */
    public byte[] corrupt(byte[] data, String jobId, int taskIndex, String fileName) {
        SplitMix64 stream = new SplitMix64(key(jobId, taskIndex, fileName));
        if (data.length == 0) {
            byte[] extra = new byte[EMPTY_FILE_BYTES];
            for (int i = 0; i < extra.length; i++) extra[i] = stream.nextByte();
            return extra;
        }
        byte[] out = data.clone();
        for (int i = 0; i < out.length; i++) out[i] ^= stream.nextByte();
        return out;
    }

    @Override
    public void beforeUpload(Assignment a, Map<String, Path> files) throws IOException {
        if (!corrupts(a.jobId(), a.taskIndex())) return;
        for (var f : files.entrySet()) {
            if (EmbedRuntime.RUNTIME.equals(a.runtime()) && f.getKey().endsWith(".npy")) {
                replaceVectors(f.getValue(), a.jobId(), a.taskIndex(), f.getKey());
            } else {
                corruptFile(f.getValue(), a.jobId(), a.taskIndex(), f.getKey());
            }
        }
        corruptedResults.increment();
        log.warn("FAULT INJECTION: returning WRONG results on purpose for job {} task {} (attempt {}): {} output file(s) corrupted",
                a.jobId(), a.taskIndex(), a.attemptId(), files.size());
    }

    /** Random unit vectors, {@code rows} by {@code dimensions}, that depend on (seed, job id, task index, file name) only. */
    public float[][] randomUnitVectors(int rows, int dimensions, String jobId, int taskIndex, String fileName) {
        SplitMix64 stream = new SplitMix64(key(jobId, taskIndex, fileName));
        float[][] out = new float[rows][dimensions];
        for (float[] row : out) {
            double norm = 0;
            double[] g = new double[dimensions];
            for (int d = 0; d < dimensions; d++) {
                // Box-Muller: Gaussian components make the direction uniform on the sphere.
                double u = 1.0 - stream.nextDouble();
                g[d] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * stream.nextDouble());
                norm += g[d] * g[d];
            }
            double scale = 1 / Math.sqrt(Math.max(norm, 1e-300));
            for (int d = 0; d < dimensions; d++) row[d] = (float) (g[d] * scale);
        }
        return out;
    }

    /** An embed output rewritten as random unit vectors of its shape; a file that is no 2-D npy is corrupted bytewise instead. */
    private void replaceVectors(Path file, String jobId, int taskIndex, String fileName) throws IOException {
        float[][] right;
        try {
            right = Vectors.fromNpy(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            corruptFile(file, jobId, taskIndex, fileName);
            return;
        }
        int dims = right.length == 0 ? 0 : right[0].length;
        Files.write(file, Vectors.toNpy(randomUnitVectors(right.length, dims, jobId, taskIndex, fileName)));
    }

    /** As {@link #corrupt} on a file in place, in chunks, so large outputs need no large buffers. */
    void corruptFile(Path file, String jobId, int taskIndex, String fileName) throws IOException {
        SplitMix64 stream = new SplitMix64(key(jobId, taskIndex, fileName));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long length = raf.length();
            if (length == 0) {
                byte[] extra = new byte[EMPTY_FILE_BYTES];
                for (int i = 0; i < extra.length; i++) extra[i] = stream.nextByte();
                raf.write(extra);
                return;
            }
            byte[] buf = new byte[CHUNK];
            for (long pos = 0; pos < length; ) {
                int n = (int) Math.min(buf.length, length - pos);
                raf.seek(pos);
                raf.readFully(buf, 0, n);
                for (int i = 0; i < n; i++) buf[i] ^= stream.nextByte();
                raf.seek(pos);
                raf.write(buf, 0, n);
                pos += n;
            }
        }
    }

    private long key(String jobId, int taskIndex, String fileName) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest(("gridmint-fault-injection\0" + seed + "\0" + jobId + "\0" + taskIndex + "\0" + fileName)
                    .getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) k = (k << 8) | (d[i] & 0xff);
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "FaultInjection[rate=" + rate + ", seed=" + seed + "]";
    }

    /**
     * SplitMix64, written out so the wrong bytes never change with the JDK. Every byte it hands out has bit 0x40 set:
     * XOR-ed onto each byte, that flips the top exponent bit of every float32/float64 (so numeric outputs land far
     * outside any tolerance instead of within it, zeros included) and makes JSON text unreadable.
     */
    private static final class SplitMix64 {
        private long state;
        private long word;
        private int left;

        SplitMix64(long seed) {
            state = seed;
        }

        long next() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Uniform in [0, 1). */
        double nextDouble() {
            return (next() >>> 11) * 0x1.0p-53;
        }

        byte nextByte() {
            if (left == 0) {
                word = next();
                left = 8;
            }
            byte b = (byte) (word | 0x40);
            word >>>= 8;
            left--;
            return b;
        }
    }
}
