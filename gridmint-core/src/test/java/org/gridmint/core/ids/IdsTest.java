package org.gridmint.core.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {
    private static final String MAX_BODY = "a".repeat(64);

    @ParameterizedTest
    @ValueSource(strings = {"job-1", "job-a_b.c-D", "job--", "job-" + "a" + "123456789012345678901234567890123456789012345678901234567890123"})
    void jobId_whenWellFormed_isAccepted(String value) {
        assertThat(JobId.of(value).value()).isEqualTo(value);
        assertThat(JobId.of(value)).hasToString(value);
        assertThat(Ids.isValid(JobId.PREFIX, value)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"job", "job-", "JOB-1", "job_1", "jobs-1", "job-a b", "job-a/b", "job-é", "prov-1"})
    void jobId_whenMalformed_isRejectedNamingTheValue(String value) {
        assertThat(Ids.isValid(JobId.PREFIX, value)).isFalse();
        assertThatThrownBy(() -> JobId.of(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a job id: '" + value + "' (expected job-<1-64 of A-Z a-z 0-9 _ . ->)");
    }

    @Test
    void ids_acceptSixtyFourBodyCharactersAndNoMore() {
        assertThat(Ids.isValid("prov", "prov-" + MAX_BODY)).isTrue();
        assertThat(Ids.isValid("prov", "prov-" + MAX_BODY + "a")).isFalse();
        assertThatThrownBy(() -> AttemptId.of("att-" + MAX_BODY + "a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachIdType_checksItsOwnPrefix() {
        assertThat(ProviderId.of("prov-gpu.box_1")).hasToString("prov-gpu.box_1");
        assertThat(AttemptId.of("att-7")).hasToString("att-7");
        assertThatThrownBy(() -> ProviderId.of("job-1")).hasMessageStartingWith("not a prov id: 'job-1'");
        assertThatThrownBy(() -> AttemptId.of("prov-1")).hasMessageStartingWith("not a att id: 'prov-1'");
    }

    @Test
    void taskId_ordersByJobThenNumericIndex() {
        var a = JobId.of("job-a");
        var b = JobId.of("job-b");
        List<TaskId> ids = new ArrayList<>(List.of(new TaskId(b, 0), new TaskId(a, 10), new TaskId(a, 2), new TaskId(a, 0)));
        Collections.shuffle(ids, new java.util.Random(7));
        Collections.sort(ids);

        assertThat(ids).containsExactly(new TaskId(a, 0), new TaskId(a, 2), new TaskId(a, 10), new TaskId(b, 0));
        assertThat(new TaskId(a, 3).compareTo(new TaskId(a, 3))).isZero();
    }

    @Test
    void taskId_printsJobSlashIndex() {
        assertThat(new TaskId(JobId.of("job-a"), 3)).hasToString("job-a/3");
    }

    @Test
    void taskId_rejectsMissingJobAndNegativeIndex() {
        assertThatThrownBy(() -> new TaskId(null, 0)).hasMessage("task id needs a job id");
        assertThatThrownBy(() -> new TaskId(JobId.of("job-a"), -1)).hasMessage("task index must be >= 0, was -1");
    }

    @Test
    void ids_compareByTheirStrings() {
        assertThat(JobId.of("job-a")).isLessThan(JobId.of("job-b"));
        assertThat(ProviderId.of("prov-1")).isLessThan(ProviderId.of("prov-2"));
        assertThat(AttemptId.of("att-1")).isLessThan(AttemptId.of("att-2"));
    }
}
