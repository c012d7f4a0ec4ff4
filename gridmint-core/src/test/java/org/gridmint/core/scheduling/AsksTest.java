package org.gridmint.core.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.Test;

class AsksTest {
    private static final List<String> MODELS = List.of("Tesla T4", "NVIDIA A100-SXM4-40GB", "NVIDIA A100-SXM4-80GB");

    @Test
    void resolve_acceptsCpuAndTheProvidersModels_exactlyOrByAPartOfExactlyOne() {
        assertThat(Asks.resolve("CPU", MODELS)).isEqualTo("cpu");
        assertThat(Asks.resolve("gpu:Tesla T4", MODELS)).isEqualTo("gpu:Tesla T4");
        assertThat(Asks.resolve("GPU:t4", MODELS)).isEqualTo("gpu:Tesla T4");
        assertThat(Asks.resolve("gpu:80gb", MODELS)).isEqualTo("gpu:NVIDIA A100-SXM4-80GB");
    }

    @Test
    void resolve_refusesUnknownClasses_modelsItLacks_andAmbiguousParts_sayingWhich() {
        assertThatThrownBy(() -> Asks.resolve("ram", MODELS)).hasMessageContaining("unknown resource class 'ram'");
        assertThatThrownBy(() -> Asks.resolve("gpu:", MODELS)).hasMessageContaining("unknown resource class");
        assertThatThrownBy(() -> Asks.resolve(null, MODELS)).hasMessageContaining("unknown resource class");
        assertThatThrownBy(() -> Asks.resolve("gpu:H100", MODELS)).hasMessageContaining("no GPU model matching 'H100'")
                .hasMessageContaining("cpu, gpu:Tesla T4, gpu:NVIDIA A100-SXM4-40GB, gpu:NVIDIA A100-SXM4-80GB");
        assertThatThrownBy(() -> Asks.resolve("gpu:A100", MODELS)).hasMessageContaining("matches several")
                .hasMessageContaining("NVIDIA A100-SXM4-40GB, NVIDIA A100-SXM4-80GB");
        assertThatThrownBy(() -> Asks.resolve("gpu:T4", List.of())).hasMessageContaining("its classes are cpu");
    }

    @Test
    void asks_needACpuAsk_andPositivePricesForKnownKindsOfClass() {
        assertThatThrownBy(() -> new Asks(Map.of("gpu:T4", Credits.parse("1")))).hasMessageContaining("cpu ask");
        assertThatThrownBy(() -> new Asks(Map.of("cpu", Credits.ZERO))).hasMessageContaining("more than 0");
        assertThatThrownBy(() -> new Asks(Map.of("cpu", Credits.parse("1"), "disk", Credits.parse("1")))).hasMessageContaining("'disk'");
    }

    @Test
    void with_changesOnlyTheClassesGiven_andKeepsCpuFirst() {
        var asks = Asks.uniform(Credits.parse("0.25"), List.of("Tesla T4"));
        var change = new LinkedHashMap<String, Credits>();
        change.put("gpu:Tesla T4", Credits.parse("0.4"));

        var changed = asks.with(change);

        assertThat(changed.byClass()).containsExactly(Map.entry("cpu", Credits.parse("0.25")), Map.entry("gpu:Tesla T4", Credits.parse("0.4")));
        assertThat(changed.toString()).isEqualTo("cpu=0.25 gpu:Tesla T4=0.4");
        assertThat(asks.gpu("Tesla T4")).as("unchanged").isEqualTo(Credits.parse("0.25"));
    }

    @Test
    void hourlyPrice_isUnitsTimesTheClassAsk_andNullWithoutEnoughMatchingGpus() {
        var asks = new LinkedHashMap<String, Credits>();
        asks.put("cpu", Credits.parse("0.01"));
        asks.put("gpu:Tesla T4", Credits.parse("0.3"));
        var p = new ProviderSnapshot(org.gridmint.core.ids.ProviderId.of("prov-a"), 16, 65_536,
                List.of(new ProviderSnapshot.Gpu("Tesla T4", 16_000), new ProviderSnapshot.Gpu("Tesla T4", 16_000)), "eu", new Asks(asks), 1);

        assertThat(p.hourlyPrice(new org.gridmint.core.spec.Resources(8, 1, 0, null, 0))).isEqualTo(Credits.parse("0.08"));
        assertThat(p.hourlyPrice(new org.gridmint.core.spec.Resources(8, 1, 2, "t4", 0))).as("GPU tasks pay for GPUs only").isEqualTo(Credits.parse("0.6"));
        assertThat(p.hourlyPrice(new org.gridmint.core.spec.Resources(1, 1, 3, null, 0))).isNull();
        assertThat(p.price()).as("main ask: its first GPU's").isEqualTo(Credits.parse("0.3"));
    }
}
