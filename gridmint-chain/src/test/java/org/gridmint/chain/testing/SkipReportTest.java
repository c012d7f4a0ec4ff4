package org.gridmint.chain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SkipReportTest {
    @Test
    void theSkipLineCountsEveryKindOfTestMethod_inheritedOnesToo_butNotHelpers() {
        assertThat(SkipReport.testMethods(Sample.class)).isEqualTo(3);
        assertThat(SkipReport.testMethods(Base.class)).isEqualTo(1);
    }

    abstract static class Base {
        @Test
        void inherited() {
        }

        void helper() {
        }
    }

    static final class Sample extends Base {
        @Test
        void plain() {
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2})
        void parameterized(int i) {
        }
    }
}
