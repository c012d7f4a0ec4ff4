package org.gridmint.core.market;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.gridmint.core.market.MarketSnapshot.Provider;
import org.gridmint.core.scheduling.ProviderSnapshot;

/**
 * Providers grouped by what they offer apart from their price: cpus, memory, GPUs and region. A fleet has far fewer
 * shapes than machines, so a requirement's resource and region checks run once per shape instead of once per provider.
 */
final class Shapes {
    private record Key(int cpus, long memoryMb, List<ProviderSnapshot.Gpu> gpus, String region) {}

    private final int[] shapeOf;
    private final List<ProviderSnapshot> representatives = new ArrayList<>();

    Shapes(List<Provider> providers) {
        shapeOf = new int[providers.size()];
        HashMap<Key, Integer> index = HashMap.newHashMap(providers.size());
        for (int p = 0; p < providers.size(); p++) {
            ProviderSnapshot o = providers.get(p).offer();
            Integer s = index.putIfAbsent(new Key(o.cpus(), o.memoryMb(), o.gpus(), o.region()), representatives.size());
            if (s == null) {
                s = representatives.size();
                representatives.add(o);
            }
            shapeOf[p] = s;
        }
    }

    int of(int provider) {
        return shapeOf[provider];
    }

    int count() {
        return representatives.size();
    }

    /** A provider of shape {@code s}; only its resources and region stand for the shape, not its id or price. */
    ProviderSnapshot representative(int s) {
        return representatives.get(s);
    }
}
