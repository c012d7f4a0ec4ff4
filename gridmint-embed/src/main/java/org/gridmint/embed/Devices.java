package org.gridmint.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a device preference into a device, from the ONNX Runtime build and whether its CUDA provider can be added. */
final class Devices {
    private static final Logger log = LoggerFactory.getLogger(Devices.class);
    /**
     * Environment variable: intra-op threads of every ONNX Runtime session this process opens (1 to 256). Unset keeps
     * ONNX Runtime's default (one per physical core). Several providers on one machine each set it to their share of the
     * cores, so they do not all fan one text out over every core and contend (BENCHMARKS.md, "Embedding batch jobs").
     */
    static final String THREADS_ENV = "GRIDMINT_EMBED_THREADS";
    static final int MAX_THREADS = 256;

    private Devices() {}

    /** The device {@code preference} gets on this machine; CUDA asked for but not possible is an EmbedException. */
    static Device choose(DevicePreference preference) {
        return switch (preference) {
            case CPU -> Device.CPU;
            case CUDA -> {
                String why = cudaUnavailable();
                if (why != null) throw new EmbedException("device cuda: " + why);
                yield Device.CUDA;
            }
            case AUTO -> {
                String why = cudaUnavailable();
                if (why == null) {
                    log.info("embedding device: cuda (ONNX Runtime's CUDA execution provider is available)");
                    yield Device.CUDA;
                }
                log.info("embedding device: cpu ({})", why);
                yield Device.CPU;
            }
        };
    }

    /** Session options that run on {@code device}. */
    static SessionOptions options(Device device) throws OrtException {
        SessionOptions options = new SessionOptions();
        try {
            options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            // ORT's pool threads spin between ops by default. A provider shares its cores (its other tasks, other
            // providers, the machine's owner): spinning there halved throughput per CPU-second (113 -> 218, load 15 on 2 cores).
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            int threads = intraOpThreads(System.getenv(THREADS_ENV));
            if (threads > 0) options.setIntraOpNumThreads(threads);
            if (device == Device.CUDA) options.addCUDA(0);
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /** The intra-op threads {@code value} (of {@link #THREADS_ENV}) asks for; 0 (ONNX Runtime's default) when unset or blank. */
    static int intraOpThreads(String value) {
        if (value == null || value.isBlank()) return 0;
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= MAX_THREADS) return n;
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw new EmbedException(THREADS_ENV + ": must be a whole number from 1 to " + MAX_THREADS + ", was '" + value + "'");
    }

    /** Why CUDA cannot be used here, or null when it can. */
    private static String cudaUnavailable() {
        EnumSet<OrtProvider> providers = OrtEnvironment.getAvailableProviders();
        if (!providers.contains(OrtProvider.CUDA)) {
            return "this ONNX Runtime build has no CUDA execution provider (it has " + providers
                    + "); com.microsoft.onnxruntime:onnxruntime is the CPU build, CUDA needs onnxruntime_gpu and an NVIDIA GPU";
        }
        try (SessionOptions probe = new SessionOptions()) {
            probe.addCUDA(0);
            return null;
        } catch (OrtException | RuntimeException e) {
            return "ONNX Runtime's CUDA execution provider could not be added: " + e.getMessage();
        }
    }
}
