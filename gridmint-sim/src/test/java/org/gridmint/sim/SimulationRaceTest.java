package org.gridmint.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.sim.Simulation.Traced;
import org.gridmint.sim.scenario.Scenario;
import org.gridmint.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

/** A straggler and its backup race as two live attempts in core's lifecycle, moved by the simulation through TaskRules. */
class SimulationRaceTest {
    /** Stragglers ten times slow and machines failing hourly, so that some primaries fail while their backup runs. */
    static final String RACY = """
            seed: 5
            providers:
              count: 40
              price: 0.2
              mtbf: 1h
              repair: 10m
              stragglers: {fraction: 0.3, slowdown: 10}
            jobs:
              count: 20
              arrival: {every: 20m}
              tasks: 10
              duration: 20m
              checkpoint: 5m
              maxPrice: 1
              retries: 50
              speculation: {slowdown: 2, maxBackups: 4}
            """;

    private record Run(RunResult result, List<Traced> trace) {}

    private static Run gridmint(String yaml) {
        Scenario s = ScenarioReader.parse(yaml, "t");
        List<Traced> trace = new ArrayList<>();
        RunResult r = new Simulation(s, new GridmintPolicy(s.jobs().speculate()), Workload.of(s), false, SimProgress.NONE).trace(trace::add).run();
        return new Run(r, trace);
    }

    /** Every attempt of {@code task} as it ended up. */
    private static Map<AttemptId, AttemptRecord> finalAttempts(List<Traced> trace, TaskId task) {
        Map<AttemptId, AttemptRecord> out = new LinkedHashMap<>();
        for (Traced t : trace) {
            if (t.task().id().equals(task)) out.put(t.attempt().id(), t.attempt());
        }
        return out;
    }

    @Test
    void backupRace_endsWithOneSucceededAndOneSupersededAttempt() {
        Run run = gridmint(SimulatorTest.STRAGGLERS);
        List<TaskId> raced = run.trace().stream().filter(t -> t.rule().equals("backup")).map(t -> t.task().id()).toList();

        assertThat(raced).hasSize((int) run.result().backups()).isNotEmpty();
        for (TaskId task : raced) {
            var attempts = finalAttempts(run.trace(), task).values();
            assertThat(attempts).as("attempts of %s", task).hasSize(2);
            assertThat(attempts).filteredOn(a -> a.state() == AttemptState.SUCCEEDED).hasSize(1);
            assertThat(attempts).filteredOn(a -> a.state() == AttemptState.CANCELLED && a.reason() == AttemptReason.SUPERSEDED).hasSize(1);
        }
        // The losers' time is provider time that is neither useful nor billed.
        assertThat(run.result().providerMillis()).isGreaterThan(run.result().usefulMillis());
    }

    @Test
    void primaryLostWhileItsBackupRuns_taskRunsOnWithoutRequeue() {
        Run run = gridmint(RACY);
        List<Traced> trace = run.trace();
        Map<TaskId, AttemptRecord> liveBackups = new LinkedHashMap<>();
        int dropped = 0;
        for (int i = 0; i < trace.size(); i++) {
            Traced t = trace.get(i);
            TaskId task = t.task().id();
            if (t.rule().equals("backup")) {
                liveBackups.put(task, t.attempt());
                continue;
            }
            AttemptRecord backup = liveBackups.get(task);
            if (backup == null) continue;
            if (t.attempt().id().equals(backup.id()) || t.task().state() != TaskState.RUNNING) liveBackups.remove(task);
            // The primary of a task whose backup is still live has been lost (the only other live attempt: any earlier
            // number, since an attempt that outlived a backup may take another).
            if (!t.rule().equals("endAttempt") || t.attempt().number() >= backup.number()) continue;
            dropped++;
            assertThat(t.attempt().state()).isEqualTo(AttemptState.LOST);
            assertThat(t.task().state()).as("task %s after its primary was lost", task).isEqualTo(TaskState.RUNNING);
            Traced next = trace.subList(i + 1, trace.size()).stream().filter(x -> x.task().id().equals(task)).findFirst().orElseThrow();
            assertThat(next.rule()).as("the next move of %s", task).isNotEqualTo("assign");
            assertThat(next.attempt().id()).isEqualTo(backup.id());
        }
        assertThat(dropped).as("primaries lost while their backup ran").isPositive();
        assertThat(run.result().completion()).isEqualTo(1.0);
    }

    @Test
    void backupLost_theAttemptItRacedIsBackedUpAgain() {
        Run run = gridmint(RACY);
        Map<TaskId, Map<AttemptId, AttemptRecord>> attempts = new LinkedHashMap<>();
        int again = 0;
        for (Traced t : run.trace()) {
            var ofTask = attempts.computeIfAbsent(t.task().id(), k -> new LinkedHashMap<>());
            if (t.rule().equals("backup")) {
                List<AttemptRecord> live = ofTask.values().stream().filter(a -> !a.state().isFinal()).toList();
                assertThat(live).as("live attempts of %s when backed up", t.task().id()).hasSize(1);
                // The attempt raced is not the one before: the backup in between ended, and this one takes its place.
                if (live.getFirst().number() < t.attempt().number() - 1) again++;
            }
            ofTask.put(t.attempt().id(), t.attempt());
        }
        assertThat(again).as("backups of an attempt that outlived an earlier backup").isPositive();
        assertThat(run.result().completion()).isEqualTo(1.0);
    }

    @Test
    void churnWithBackups_neverHoldsMoreThanTwoLiveAttempts_andEndsEveryAttempt() {
        Run run = gridmint(RACY);
        Map<TaskId, Integer> live = new LinkedHashMap<>();
        for (Traced t : run.trace()) {
            TaskId task = t.task().id();
            int before = live.getOrDefault(task, 0);
            switch (t.rule()) {
                case "assign" -> assertThat(before).as("live attempts of %s when assigned", task).isZero();
                case "backup" -> assertThat(before).as("live attempts of %s when backed up", task).isEqualTo(1);
                default -> assertThat(t.attempt().state().isFinal()).as("%s of %s", t.rule(), t.attempt().id()).isTrue();
            }
            live.put(task, before + (t.rule().equals("assign") || t.rule().equals("backup") ? 1 : -1));
        }
        assertThat(live.values()).as("live attempts left when the run ends").allMatch(n -> n == 0);
        assertThat(live).hasSize(200);
    }
}
