package org.gridmint.core.scheduling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridmint.core.money.Credits;

/**
 * A provider's asks, one per resource class it offers, in credits per hour of one unit: {@code cpu} per core-hour and
 * {@code gpu:MODEL} per GPU-hour of that model (MODEL spelled as the provider's probe reports it, e.g. {@code gpu:Tesla T4}).
 * A task's hourly price on a provider follows from its resources (see {@link ProviderSnapshot#hourlyPrice}).
 *
 * Every class the provider offers is in {@link #byClass}, {@code cpu} first, each with an ask above zero.
 */
public final class Asks {
    public static final String CPU = "cpu";
    public static final String GPU_PREFIX = "gpu:";

    private final Map<String, Credits> byClass;
    /** Kept apart: the matcher reads every provider's cpu ask on every plan. */
    private final Credits cpu;

    public Asks(Map<String, Credits> byClass) {
        if (byClass == null || !byClass.containsKey(CPU)) throw new IllegalArgumentException("asks need a cpu ask, were " + byClass);
        var copy = new LinkedHashMap<String, Credits>();
        copy.put(CPU, byClass.get(CPU));
        byClass.forEach((k, v) -> {
            if (!k.equals(CPU) && !(k.startsWith(GPU_PREFIX) && k.length() > GPU_PREFIX.length()))
                throw new IllegalArgumentException("unknown resource class '" + k + "': cpu or gpu:MODEL");
            if (v == null || v.micros() <= 0) throw new IllegalArgumentException("ask for " + k + " must be more than 0, was " + v);
            copy.put(k, v);
        });
        this.byClass = Collections.unmodifiableMap(copy);
        this.cpu = copy.get(CPU);
    }

    /** Every class with its ask, {@code cpu} first. */
    public Map<String, Credits> byClass() {
        return byClass;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Asks a && byClass.equals(a.byClass);
    }

    @Override
    public int hashCode() {
        return byClass.hashCode();
    }

    /** Every class of a provider with GPUs of {@code gpuModels} at one price: what registering with a single price means. */
    public static Asks uniform(Credits price, Collection<String> gpuModels) {
        var m = new LinkedHashMap<String, Credits>();
        m.put(CPU, price);
        for (String model : gpuModels) m.put(gpuClass(model), price);
        return new Asks(m);
    }

    /** The classes a provider with these GPU models offers, {@code cpu} first. */
    public static List<String> classesOf(Collection<String> gpuModels) {
        List<String> out = new ArrayList<>();
        out.add(CPU);
        for (String model : gpuModels) if (!out.contains(gpuClass(model))) out.add(gpuClass(model));
        return out;
    }

    /** The class name of a GPU model's ask: {@code gpu:MODEL}. */
    public static String gpuClass(String model) {
        return GPU_PREFIX + model;
    }

    /**
     * The provider's class that {@code name} stands for: {@code cpu}, or {@code gpu:X} where X is one of its GPU models or a
     * case-insensitive part of exactly one ({@code gpu:T4} for {@code gpu:Tesla T4}), as job specs name GPU models.
     *
     * @throws IllegalArgumentException naming why, when it is no class, or not one the provider has
     */
    public static String resolve(String name, Collection<String> gpuModels) {
        String n = name == null ? "" : name.strip();
        if (n.equalsIgnoreCase(CPU)) return CPU;
        if (!n.regionMatches(true, 0, GPU_PREFIX, 0, GPU_PREFIX.length()) || n.length() == GPU_PREFIX.length())
            throw new IllegalArgumentException("unknown resource class '" + name + "': use cpu or gpu:MODEL");
        String wanted = n.substring(GPU_PREFIX.length());
        List<String> models = gpuModels.stream().distinct().toList();
        for (String m : models) if (m.equalsIgnoreCase(wanted)) return gpuClass(m);
        String lower = wanted.toLowerCase(Locale.ROOT);
        List<String> matching = models.stream().filter(m -> m.toLowerCase(Locale.ROOT).contains(lower)).toList();
        if (matching.size() == 1) return gpuClass(matching.getFirst());
        if (matching.isEmpty()) throw new IllegalArgumentException("the provider has no GPU model matching '" + wanted + "'; its classes are "
                + String.join(", ", classesOf(gpuModels)));
        throw new IllegalArgumentException("'" + wanted + "' matches several of the provider's GPU models: " + String.join(", ", matching));
    }

    /** The ask of {@code resourceClass}, or null if the provider does not offer it. */
    public Credits of(String resourceClass) {
        return byClass.get(resourceClass);
    }

    /** Credits per core-hour. */
    public Credits cpu() {
        return cpu;
    }

    /** Credits per GPU-hour of {@code model}, or null if the provider has none. */
    public Credits gpu(String model) {
        return byClass.get(gpuClass(model));
    }

    /** These asks with {@code changes} applied over them. */
    public Asks with(Map<String, Credits> changes) {
        var m = new LinkedHashMap<>(byClass);
        m.putAll(changes);
        return new Asks(m);
    }

    /** "cpu=0.02 gpu:Tesla T4=0.3". */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        byClass.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" ", parts);
    }
}
