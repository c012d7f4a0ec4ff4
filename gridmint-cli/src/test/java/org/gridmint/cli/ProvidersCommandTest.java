package org.gridmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gridmint.client.fake.FakeCoordinator;
import org.gridmint.client.fake.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProvidersCommandTest {
    private final FakeCoordinator fake = new FakeCoordinator();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void providers_printsATableWithAsksCapacityModelsHealthAndRecord() {
        fake.providers(List.of(Fixtures.provider("prov-a")));

        Cli.Result r = Cli.against(fake.url(), "providers");

        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "ID      NAME        REGION   ASKS/H                SLOTS  CPUS     MEM  GPUS          MODELS  HEALTH   STAKE  RELIABILITY  SPEED  RUNNING  OK/FAILED/LOST  LAST SKIPPED",
                "prov-a  rig-prov-a  eu-west  cpu=0.02 gpu:T4=0.12      2    16  64 GiB  1x T4 15 GiB  -       HEALTHY   12.5          93%  1.25x        1          42/3/1  -");
    }

    @Test
    void providers_showTheModelsEachServes_andWhere() {
        fake.providers(List.of(Fixtures.provider("prov-a"), Fixtures.provider("prov-b", "cuda", "all-minilm-l6-v2-q", "all-minilm-l6-v2")));

        Cli.Result r = Cli.against(fake.url(), "providers");

        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().toList().get(0)).contains("  GPUS  ").contains("  MODELS  ");
        assertThat(r.out().lines().toList().get(1)).contains("1x T4 15 GiB  -       ");
        assertThat(r.out().lines().toList().get(2)).contains("1x T4 15 GiB  all-minilm-l6-v2-q/cuda, all-minilm-l6-v2/cuda  HEALTHY");
    }

    @Test
    void providers_withNone_saysHowToStartOne() {
        Cli.Result r = Cli.against(fake.url(), "providers");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("gridmint provider");
    }

    @Test
    void providersJson_printsTheList() {
        fake.providers(List.of(Fixtures.provider("prov-a")));

        assertThat(Cli.against(fake.url(), "providers", "--json").out()).contains("\"id\" : \"prov-a\"");
    }
}
