package org.gridmint.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.core.CoreFixtures.NOW;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.gridmint.core.RandomCases;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.ProviderSnapshot;
import org.junit.jupiter.api.Test;

/** The ranking's own sort orders exactly as sorting by (key, provider id) with the JDK does, ties and long runs included. */
class RankingSortTest {

    @Test
    void sort_matchesTheJdkSortByKeyThenId() {
        RandomCases.forEach(300, 0x5047L, r -> {
            int n = r.nextInt(0, 1_000);
            List<MarketSnapshot.Provider> providers = new ArrayList<>(n);
            double[] key = new double[n];
            for (int p = 0; p < n; p++) {
                // Ids not in index order, and few distinct keys, so that the id tie-break decides often.
                var offer = new ProviderSnapshot(ProviderId.of("prov-" + r.nextInt(1_000_000) + "-" + p), 1, 1, List.of(), "r", Credits.ofMicros(1), 1);
                providers.add(new MarketSnapshot.Provider(offer, 1, new Reputation(0.9, 1.0, 1), Health.HEALTHY, NOW, null));
                key[p] = 1 + r.nextInt(20) * 0.25;
            }
            int[] a = new int[n];
            for (int i = 0; i < n; i++) a[i] = r.nextInt(n);
            a = Arrays.stream(a).distinct().toArray();
            return new Object[] {providers, key, a};
        }, c -> {
            @SuppressWarnings("unchecked")
            List<MarketSnapshot.Provider> providers = (List<MarketSnapshot.Provider>) c[0];
            double[] key = (double[]) c[1];
            int[] a = (int[]) c[2];
            Integer[] expected = Arrays.stream(a).boxed().toArray(Integer[]::new);
            Arrays.sort(expected, Comparator.<Integer>comparingDouble(p -> key[p]).thenComparing(p -> providers.get(p).id()));

            Ranking.sort(a, key, providers);

            assertThat(a).containsExactly(Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
        });
    }
}
