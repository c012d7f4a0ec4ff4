package org.gridmint.provider.models;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.gridmint.api.ModelOffer;
import org.gridmint.embed.DevicePreference;
import org.gridmint.embed.ModelInfo;
import org.gridmint.embed.ModelRegistry;

/**
 * The models one agent serves: its {@link ModelRegistry} (each model loaded once, on first use, and shared by every batch
 * task and online request of the agent), the device they run on and why, and the offers it advertises. Thread-safe.
 */
public final class AgentModels implements AutoCloseable {
    private final ModelRegistry registry;
    private final boolean owned;
    private final DeviceChoice device;
    private final BigDecimal tokenPrice;

    private AgentModels(ModelRegistry registry, boolean owned, DeviceChoice device, BigDecimal tokenPrice) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.owned = owned;
        this.device = Objects.requireNonNull(device, "device");
        this.tokenPrice = Objects.requireNonNull(tokenPrice, "tokenPrice");
    }

    /**
     * A registry of its own for {@code models} on the device {@link DeviceChoice#decide} picks; nothing is loaded yet.
     *
     * @throws IllegalArgumentException when the device asked for cannot be had (the message names {@code --device})
     */
    public static AgentModels open(List<String> models, DevicePreference preference, int gpus, BigDecimal tokenPrice, BooleanSupplier cudaBuild) {
        DeviceChoice choice = DeviceChoice.decide(preference, gpus, cudaBuild);
        return new AgentModels(new ModelRegistry(models, choice.pinned()), true, choice, tokenPrice);
    }

    /** Models from a registry the caller owns and closes (tests share one per class: a model takes a second and 100+ MB to load). */
    public static AgentModels shared(ModelRegistry registry, BigDecimal tokenPrice) {
        return new AgentModels(registry, false, new DeviceChoice(registry.device(), "the registry handed to the agent", false), tokenPrice);
    }

    /** The registry batch tasks and online requests share. */
    public ModelRegistry registry() {
        return registry;
    }

    public DeviceChoice device() {
        return device;
    }

    public BigDecimal tokenPrice() {
        return tokenPrice;
    }

    /** One offer per served model, in the order served, as the agent's registration advertises them. */
    public List<ModelOffer> offers() {
        String wire = registry.device().wireName();
        return registry.models().stream().map(m -> new ModelOffer(m.name(), wire, m.dimensions(), tokenPrice)).toList();
    }

    /** One line for the operator: which models on which device, and why that device. */
    public String describe() {
        List<ModelInfo> models = registry.models();
        if (models.isEmpty()) return "serving no embedding models (--models none)";
        return "serving " + models.stream().map(ModelInfo::name).collect(Collectors.joining(", ")) + " on " + registry.device().wireName()
                + " (" + device.reason() + "), at " + tokenPrice.toPlainString() + " credits per 1M tokens online";
    }

    /** Frees the loaded models when the registry is the agent's own. */
    @Override
    public void close() {
        if (owned) registry.close();
    }
}
