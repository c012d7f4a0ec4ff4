package org.gridmint.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class CloudPricesTest {
    @Test
    void table_coversT4SpotAndOnDemand_A10G_A100_H100() {
        assertThat(CloudPrices.all()).extracting(CloudPrice::id)
                .contains("aws-t4-spot", "aws-t4-on-demand", "aws-a10g-on-demand", "aws-a100-on-demand", "aws-h100-on-demand");
    }

    @Test
    void everyRow_isDated_sourced_andPricedPerGpu() {
        var ids = new HashSet<String>();
        for (CloudPrice c : CloudPrices.all()) {
            assertThat(ids.add(c.id())).as("unique id " + c.id()).isTrue();
            assertThat(LocalDate.parse(c.date())).as(c.id()).isBefore(LocalDate.of(2026, 12, 1));
            assertThat(c.source()).as(c.id()).startsWith("https://");
            assertThat(c.gpus()).as(c.id()).isPositive();
            if (c.usdPerGpuHour() != null) assertThat(c.usdPerGpuHour()).as(c.id()).isCloseTo(c.usdPerInstanceHour() / c.gpus(), org.assertj.core.data.Offset.offset(0.001));
        }
    }
}
