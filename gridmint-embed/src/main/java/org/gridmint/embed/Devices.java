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
            if (device == Device.CUDA) options.addCUDA(0);
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
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
