package org.gridmint.core.scheduling;

import java.util.Locale;

/** One thing a task's requirements ask of a provider, named as the job spec's field that sets it. */
public enum Constraint {
    CPU("cpu"),
    MEMORY_MB("memoryMb"),
    /** The number of GPUs together with their model and minimum memory: only GPUs that match both count. */
    GPUS("gpus"),
    REGIONS("regions"),
    /** The task's hourly price there (its cores or GPUs × the provider's ask for them) is above the job's cap. */
    MAX_PRICE("maxPrice"),
    /** The provider has less staked than the job's minimum stake. */
    MIN_STAKE("minStake"),
    /** The provider does not serve the model the job embeds with. */
    MODEL("model");

    private final String field;

    Constraint(String field) {
        this.field = field;
    }

    /** The job spec's field that sets this constraint, as misfit messages and users name it. */
    public String field() {
        return field;
    }

    /** True when {@code p} does not meet this constraint of {@code r}. */
    public boolean failedBy(ProviderSnapshot p, Requirements r) {
        var res = r.resources();
        return switch (this) {
            case CPU -> p.cpus() < res.cpu();
            case MEMORY_MB -> p.memoryMb() < res.memoryMb();
            case GPUS -> res.gpus() > 0 && matchingGpus(p, r) < res.gpus();
            case REGIONS -> !r.regions().isEmpty() && !r.regions().contains(p.region());
            case MAX_PRICE -> {
                // A provider without the GPUs fails GPUS; what it would ask for them is no second reason.
                var price = p.hourlyPrice(res);
                yield price != null && price.compareTo(r.maxPrice()) > 0;
            }
            case MIN_STAKE -> p.stake().compareTo(r.minStake()) < 0;
            case MODEL -> r.model() != null && !p.serves(r.model());
        };
    }

    /** How many of {@code p}'s GPUs match the model (a case-insensitive substring) and minimum memory that {@code r} asks for. */
    static long matchingGpus(ProviderSnapshot p, Requirements r) {
        var res = r.resources();
        String model = res.gpuModel() == null ? null : res.gpuModel().toLowerCase(Locale.ROOT);
        long n = 0;
        for (ProviderSnapshot.Gpu g : p.gpus()) {
            if ((model == null || g.model().toLowerCase(Locale.ROOT).contains(model)) && g.memoryMb() >= res.minGpuMemoryMb()) n++;
        }
        return n;
    }
}
