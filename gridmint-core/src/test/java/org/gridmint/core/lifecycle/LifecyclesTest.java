package org.gridmint.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.gridmint.core.lifecycle.Lifecycles.AttemptEvent;
import org.gridmint.core.lifecycle.Lifecycles.JobEvent;
import org.gridmint.core.lifecycle.Lifecycles.TaskEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three tables, row by row. The expected rows are written out here as the spec: a row added to, removed
 * from or redirected in {@link Lifecycles} fails a test. Every pair not listed must be a typed rejection.
 */
class LifecyclesTest {

    static Stream<Arguments> jobRows() {
        return Stream.of(
                arguments(JobState.PENDING, JobEvent.STARTED, JobState.RUNNING),
                arguments(JobState.RUNNING, JobEvent.ALL_TASKS_SUCCEEDED, JobState.SUCCEEDED),
                arguments(JobState.PENDING, JobEvent.TASK_FAILED, JobState.FAILED),
                arguments(JobState.RUNNING, JobEvent.TASK_FAILED, JobState.FAILED),
                arguments(JobState.PENDING, JobEvent.CANCELLED, JobState.CANCELLED),
                arguments(JobState.RUNNING, JobEvent.CANCELLED, JobState.CANCELLED));
    }

    static Stream<Arguments> taskRows() {
        return Stream.of(
                arguments(TaskState.PENDING, TaskEvent.ASSIGNED, TaskState.ASSIGNED),
                arguments(TaskState.ASSIGNED, TaskEvent.STARTED, TaskState.RUNNING),
                arguments(TaskState.ASSIGNED, TaskEvent.SUCCEEDED, TaskState.SUCCEEDED),
                arguments(TaskState.RUNNING, TaskEvent.SUCCEEDED, TaskState.SUCCEEDED),
                arguments(TaskState.ASSIGNED, TaskEvent.REQUEUED, TaskState.PENDING),
                arguments(TaskState.RUNNING, TaskEvent.REQUEUED, TaskState.PENDING),
                arguments(TaskState.ASSIGNED, TaskEvent.FAILED, TaskState.FAILED),
                arguments(TaskState.RUNNING, TaskEvent.FAILED, TaskState.FAILED),
                arguments(TaskState.PENDING, TaskEvent.CANCELLED, TaskState.CANCELLED),
                arguments(TaskState.ASSIGNED, TaskEvent.CANCELLED, TaskState.CANCELLED),
                arguments(TaskState.RUNNING, TaskEvent.CANCELLED, TaskState.CANCELLED),
                arguments(TaskState.RUNNING, TaskEvent.BACKED_UP, TaskState.RUNNING),
                arguments(TaskState.RUNNING, TaskEvent.DROPPED, TaskState.RUNNING),
                arguments(TaskState.ASSIGNED, TaskEvent.REPORTED, TaskState.PENDING),
                arguments(TaskState.RUNNING, TaskEvent.REPORTED, TaskState.PENDING),
                arguments(TaskState.RUNNING, TaskEvent.REPORTED_RUNNING_ON, TaskState.RUNNING),
                arguments(TaskState.SUCCEEDED, TaskEvent.REOPENED, TaskState.PENDING));
    }

    static Stream<Arguments> attemptRows() {
        return Stream.of(
                arguments(AttemptState.ASSIGNED, AttemptEvent.STARTED, AttemptState.RUNNING),
                arguments(AttemptState.ASSIGNED, AttemptEvent.SUCCEEDED, AttemptState.SUCCEEDED),
                arguments(AttemptState.RUNNING, AttemptEvent.SUCCEEDED, AttemptState.SUCCEEDED),
                arguments(AttemptState.ASSIGNED, AttemptEvent.FAILED, AttemptState.FAILED),
                arguments(AttemptState.RUNNING, AttemptEvent.FAILED, AttemptState.FAILED),
                arguments(AttemptState.ASSIGNED, AttemptEvent.LOST, AttemptState.LOST),
                arguments(AttemptState.RUNNING, AttemptEvent.LOST, AttemptState.LOST),
                arguments(AttemptState.ASSIGNED, AttemptEvent.CANCELLED, AttemptState.CANCELLED),
                arguments(AttemptState.RUNNING, AttemptEvent.CANCELLED, AttemptState.CANCELLED),
                arguments(AttemptState.ASSIGNED, AttemptEvent.SUPERSEDED, AttemptState.CANCELLED),
                arguments(AttemptState.RUNNING, AttemptEvent.SUPERSEDED, AttemptState.CANCELLED),
                arguments(AttemptState.SUCCEEDED, AttemptEvent.REJECTED, AttemptState.REJECTED));
    }

    static Stream<Arguments> jobForbidden() {
        return forbidden(jobRows(), JobState.class, JobEvent.class);
    }

    static Stream<Arguments> taskForbidden() {
        return forbidden(taskRows(), TaskState.class, TaskEvent.class);
    }

    static Stream<Arguments> attemptForbidden() {
        return forbidden(attemptRows(), AttemptState.class, AttemptEvent.class);
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("jobRows")
    void job_legalRow_movesToTarget(JobState from, JobEvent event, JobState to) {
        assertMoves(Lifecycles.JOB, from, event, to);
    }

    @ParameterizedTest(name = "{0} + {1} rejected")
    @MethodSource("jobForbidden")
    void job_forbiddenPair_isRejectedNamingStateAndEvent(JobState from, JobEvent event) {
        assertRejects(Lifecycles.JOB, from, event);
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("taskRows")
    void task_legalRow_movesToTarget(TaskState from, TaskEvent event, TaskState to) {
        assertMoves(Lifecycles.TASK, from, event, to);
    }

    @ParameterizedTest(name = "{0} + {1} rejected")
    @MethodSource("taskForbidden")
    void task_forbiddenPair_isRejectedNamingStateAndEvent(TaskState from, TaskEvent event) {
        assertRejects(Lifecycles.TASK, from, event);
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("attemptRows")
    void attempt_legalRow_movesToTarget(AttemptState from, AttemptEvent event, AttemptState to) {
        assertMoves(Lifecycles.ATTEMPT, from, event, to);
    }

    @ParameterizedTest(name = "{0} + {1} rejected")
    @MethodSource("attemptForbidden")
    void attempt_forbiddenPair_isRejectedNamingStateAndEvent(AttemptState from, AttemptEvent event) {
        assertRejects(Lifecycles.ATTEMPT, from, event);
    }

    @Test
    void rows_listExactlyTheSpecifiedRows() {
        assertThat(Lifecycles.JOB.rows()).isEqualTo(asMap(jobRows(), JobState.class));
        assertThat(Lifecycles.TASK.rows()).isEqualTo(asMap(taskRows(), TaskState.class));
        assertThat(Lifecycles.ATTEMPT.rows()).isEqualTo(asMap(attemptRows(), AttemptState.class));
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"SUCCEEDED", "FAILED", "CANCELLED"})
    void job_finalState_acceptsNothing(JobState state) {
        assertThat(state.isFinal()).isTrue();
        assertThat(Lifecycles.JOB.acceptedIn(state)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"FAILED", "CANCELLED"})
    void task_finalState_acceptsNothing(TaskState state) {
        assertThat(state.isFinal()).isTrue();
        assertThat(Lifecycles.TASK.acceptedIn(state)).isEmpty();
    }

    @Test
    void task_succeeded_acceptsOnlyAFullChecksReopening() {
        assertThat(TaskState.SUCCEEDED.isFinal()).isTrue();
        assertThat(Lifecycles.TASK.acceptedIn(TaskState.SUCCEEDED)).containsExactly(TaskEvent.REOPENED);
    }

    @ParameterizedTest
    @EnumSource(value = AttemptState.class, names = {"FAILED", "LOST", "CANCELLED", "REJECTED"})
    void attempt_finalState_acceptsNothing(AttemptState state) {
        assertThat(state.isFinal()).isTrue();
        assertThat(Lifecycles.ATTEMPT.acceptedIn(state)).isEmpty();
    }

    @Test
    void attempt_succeeded_acceptsOnlyALostVerdict() {
        assertThat(AttemptState.SUCCEEDED.isFinal()).isTrue();
        assertThat(Lifecycles.ATTEMPT.acceptedIn(AttemptState.SUCCEEDED)).containsExactly(AttemptEvent.REJECTED);
    }

    @Test
    void lifecycleNames_appearInRejections() {
        assertThat(Lifecycles.JOB.lifecycle()).isEqualTo("job");
        assertThat(Lifecycles.TASK.lifecycle()).isEqualTo("task");
        assertThat(Lifecycles.ATTEMPT.lifecycle()).isEqualTo("attempt");
    }

    @Test
    void builder_whenRowGivenTwice_failsFast() {
        var builder = TransitionTable.<JobState, JobEvent>builder("job", JobState.class)
                .on(JobEvent.STARTED, JobState.RUNNING, JobState.PENDING);
        assertThatThrownBy(() -> builder.on(JobEvent.STARTED, JobState.FAILED, JobState.PENDING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("job: row (PENDING, STARTED) given twice");
    }

    private static <S extends Enum<S>, K extends Enum<K>> void assertMoves(TransitionTable<S, K> table, S from, K event, S to) {
        assertThat(table.apply(from, event)).isEqualTo(new Transition.Moved<>(from, to));
        assertThat(table.apply(from, event).orThrow()).isEqualTo(to);
        assertThat(table.target(from, event)).contains(to);
        assertThat(table.acceptedIn(from)).contains(event);
    }

    private static <S extends Enum<S>, K extends Enum<K>> void assertRejects(TransitionTable<S, K> table, S from, K event) {
        Transition<S> t = table.apply(from, event);
        String reason = table.lifecycle() + " in state " + from + " does not accept " + event;
        assertThat(t).isEqualTo(new Transition.Rejected<>(from, event.name(), reason));
        assertThat(t.from()).isEqualTo(from);
        assertThat(table.target(from, event)).isEmpty();
        assertThat(table.acceptedIn(from)).doesNotContain(event);
        assertThatThrownBy(t::orThrow).isInstanceOf(IllegalTransitionException.class).hasMessage(reason);
    }

    /** Every (state, event) pair of the two enums that {@code rows} does not list. */
    private static <S extends Enum<S>, K extends Enum<K>> Stream<Arguments> forbidden(Stream<Arguments> rows, Class<S> states, Class<K> events) {
        Map<S, Map<K, S>> legal = asMap(rows, states);
        return Stream.of(states.getEnumConstants()).flatMap(s -> Stream.of(events.getEnumConstants())
                .filter(e -> !legal.getOrDefault(s, Map.of()).containsKey(e))
                .map(e -> arguments(s, e)));
    }

    @SuppressWarnings("unchecked")
    private static <S extends Enum<S>, K extends Enum<K>> Map<S, Map<K, S>> asMap(Stream<Arguments> rows, Class<S> states) {
        Map<S, Map<K, S>> map = new EnumMap<>(states);
        rows.forEach(a -> {
            Object[] r = a.get();
            map.computeIfAbsent((S) r[0], k -> new java.util.HashMap<>()).put((K) r[1], (S) r[2]);
        });
        return map;
    }
}
