package org.gridmint.core.market;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.gridmint.core.market.MarketSnapshot.Provider;
import org.gridmint.core.scheduling.ProviderSnapshot;

/**
 * Providers grouped by what they offer apart from their price: cpus, memory, GPUs, region and the models they serve. A
 * fleet has far fewer shapes than machines, so a requirement's resource, region and model checks run once per shape
 * instead of once per provider.
 */
final class Shapes {
    private record Key(int cpus, long memoryMb, List<ProviderSnapshot.Gpu> gpus, String region, Set<String> models) {}

    private final int[] shapeOf;
    private final List<ProviderSnapshot> representatives = new ArrayList<>();
    private GpuKind[][] gpuKinds;

    Shapes(List<Provider> providers) {
        shapeOf = new int[providers.size()];
        HashMap<Key, Integer> index = HashMap.newHashMap(providers.size());
        for (int p = 0; p < providers.size(); p++) {
            ProviderSnapshot o = providers.get(p).offer();
            Integer s = index.putIfAbsent(new Key(o.cpus(), o.memoryMb(), o.gpus(), o.region(), o.models()), representatives.size());
            if (s == null) {
                s = representatives.size();
                representatives.add(o);
            }
            shapeOf[p] = s;
        }
    }

    /** One kind of GPU a shape has: its model (also lower-cased, and as its ask's class name) and memory. */
    record GpuKind(String model, String lowerModel, String askClass, long memoryMb) {}

    /** The distinct GPUs of shape {@code s}, made once per plan for the rankings of every GPU basis. */
    GpuKind[] gpuKinds(int s) {
        if (gpuKinds == null) gpuKinds = new GpuKind[count()][];
        if (gpuKinds[s] == null) {
            List<GpuKind> kinds = new ArrayList<>(1);
            for (ProviderSnapshot.Gpu g : representatives.get(s).gpus()) {
                var k = new GpuKind(g.model(), g.model().toLowerCase(java.util.Locale.ROOT), org.gridmint.core.scheduling.Asks.gpuClass(g.model()), g.memoryMb());
                if (!kinds.contains(k)) kinds.add(k);
            }
            gpuKinds[s] = kinds.toArray(GpuKind[]::new);
        }
        return gpuKinds[s];
    }

    int of(int provider) {
        return shapeOf[provider];
    }

    int count() {
        return representatives.size();
    }

    /** A provider of shape {@code s}; only its resources, region and models stand for the shape, not its id or price. */
    ProviderSnapshot representative(int s) {
        return representatives.get(s);
    }
}
