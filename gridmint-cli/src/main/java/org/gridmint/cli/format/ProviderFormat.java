package org.gridmint.cli.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gridmint.api.GpuInfo;
import org.gridmint.api.ModelOffer;
import org.gridmint.api.ProviderView;

/** The providers table of {@code gridmint providers}. */
public final class ProviderFormat {
    private ProviderFormat() {}

    public static String table(List<ProviderView> providers) {
        Table t = Table.of("ID", "NAME", "REGION", "ASKS/H", "SLOTS", "CPUS", "MEM", "GPUS", "MODELS", "HEALTH", "STAKE", "RELIABILITY", "SPEED", "RUNNING",
                        "OK/FAILED/LOST", "LAST SKIPPED")
                .right(4, 5, 6, 10, 11, 12, 13, 14);
        for (ProviderView p : providers) {
            t.row(p.id(), p.name(), p.region(), asks(p), p.slots(), p.cpus(),
                    Units.mebibytes(p.memoryMb()), gpus(p.gpus()), models(p.models()), health(p), MoneyFormat.credits(p.stake()), String.format(java.util.Locale.ROOT, "%.0f%%", p.reliability() * 100),
                    String.format(java.util.Locale.ROOT, "%.2fx", p.speed()), p.running(), p.succeeded() + "/" + p.failed() + "/" + p.lost(), p.lastSkip());
        }
        return t.render();
    }

    /**
     * Its asks per resource class, {@code cpu=0.02 gpu:Tesla T4=0.3} (per core-hour and per GPU-hour), or its single price
     * from a coordinator that sends no asks.
     */
    public static String asks(ProviderView p) {
        if (p.asks() == null || p.asks().isEmpty()) return p.price() == null ? null : p.price().stripTrailingZeros().toPlainString();
        return p.asks().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().stripTrailingZeros().toPlainString())
                .collect(Collectors.joining(" "));
    }

    /** HEALTHY, SUSPECT, LOST, QUARANTINED (the operator's quarantine over those) or DRAINING (over all), and a missing sandbox. */
    static String health(ProviderView p) {
        String h = "DRAINING".equals(p.health()) ? p.health() : p.quarantined() ? "QUARANTINED" : p.health();
        return h + (p.sandboxed() ? "" : " (no sandbox)");
    }

    /** The embedding models it serves and where, {@code all-minilm-l6-v2-q/cpu, all-minilm-l6-v2/cuda}, or "-" for none. */
    public static String models(List<ModelOffer> models) {
        if (models == null || models.isEmpty()) return "-";
        return models.stream().map(m -> m.name() + "/" + m.device()).collect(Collectors.joining(", "));
    }

    /** {@code 2x A100 80 GiB, 1x T4 15 GiB}, or "-" for none. */
    public static String gpus(List<GpuInfo> gpus) {
        if (gpus == null || gpus.isEmpty()) return "-";
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (GpuInfo g : gpus) counts.merge(g.model() + " " + Units.mebibytes(g.memoryMb()), 1, Integer::sum);
        return counts.entrySet().stream().map(e -> e.getValue() + "x " + e.getKey()).collect(Collectors.joining(", "));
    }
}
