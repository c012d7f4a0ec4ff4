package org.gridmint.provider.models;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.gridmint.embed.Device;
import org.gridmint.embed.DevicePreference;

/**
 * Where an agent runs its models and why, decided once at start from {@code --device}, the GPUs the probe found and
 * whether this ONNX Runtime build has the CUDA execution provider.
 *
 * @param device the device every model of the agent runs on
 * @param reason one line for the operator, e.g. {@code "no GPU found"}
 * @param wastedGpu true when a GPU is there but the models run on the CPU for lack of a CUDA build: the agent says so loudly
 */
public record DeviceChoice(Device device, String reason, boolean wastedGpu) {
    /** The Maven artifact whose native library has the CUDA execution provider; the default build is CPU-only. */
    public static final String CUDA_ARTIFACT = "com.microsoft.onnxruntime:onnxruntime_gpu";

    public DeviceChoice {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Decides the device. AUTO takes CUDA only when a GPU was found and the build has CUDA; CPU and CUDA are taken as
     * asked, and CUDA that cannot be had is an IllegalArgumentException naming {@code --device}.
     *
     * @param gpus GPUs the hardware probe found
     * @param cudaBuild asked only when it matters (a GPU is there, or CUDA was asked for), as it loads ONNX Runtime's native library
     */
    public static DeviceChoice decide(DevicePreference preference, int gpus, BooleanSupplier cudaBuild) {
        Objects.requireNonNull(preference, "preference");
        return switch (preference) {
            case CPU -> new DeviceChoice(Device.CPU, "--device cpu" + (gpus > 0 ? " (" + gpus + " GPU(s) left unused)" : ""), false);
            case CUDA -> {
                if (gpus == 0) throw new IllegalArgumentException("--device cuda: no NVIDIA GPU was found (nvidia-smi reports none)");
                if (!cudaBuild.getAsBoolean()) {
                    throw new IllegalArgumentException("--device cuda: this ONNX Runtime build has no CUDA execution provider (it is the"
                            + " CPU-only build); run the agent with " + CUDA_ARTIFACT + " on its classpath, or use --device auto|cpu");
                }
                yield new DeviceChoice(Device.CUDA, "--device cuda, " + gpus + " GPU(s) found", false);
            }
            case AUTO -> {
                if (gpus == 0) yield new DeviceChoice(Device.CPU, "no GPU found", false);
                if (cudaBuild.getAsBoolean()) yield new DeviceChoice(Device.CUDA, gpus + " GPU(s) found and ONNX Runtime has CUDA", false);
                yield new DeviceChoice(Device.CPU, gpus + " GPU(s) found, but this ONNX Runtime build is CPU-only: the models run on the"
                        + " CPU; put " + CUDA_ARTIFACT + " on the classpath to use the GPU", true);
            }
        };
    }

    /**
     * Whether the ONNX Runtime on the classpath has a CUDA execution provider that can be added to a session (the build
     * has it, and its CUDA libraries load). Loads ONNX Runtime's native library.
     */
    public static boolean onnxRuntimeHasCuda() {
        try {
            if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) return false;
            try (SessionOptions probe = new SessionOptions()) {
                probe.addCUDA(0);
                return true;
            }
        } catch (OrtException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The preference that pins the registry to this device, so the agent never serves on another one than it advertises. */
    public DevicePreference pinned() {
        return device == Device.CUDA ? DevicePreference.CUDA : DevicePreference.CPU;
    }
}
