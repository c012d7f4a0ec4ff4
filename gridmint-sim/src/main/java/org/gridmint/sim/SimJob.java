package org.gridmint.sim;

import java.util.LinkedHashSet;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.lifecycle.JobState;

/** One job: its state as core's {@code JobRules} moves it, how many tasks are not yet done, and its runtime median. */
final class SimJob {
    final int number;
    final JobId id;
    JobState state = JobState.PENDING;
    int unsucceeded;
    /** Runtimes of its attempts that ran a whole task from scratch, for the speed evidence of reputation. */
    final RunningMedian runtimes = new RunningMedian();
    /** Its tasks with a live attempt, in the order they started (iteration order feeds speculation, so it is fixed). */
    final LinkedHashSet<SimTask> running = new LinkedHashSet<>();
    int completed;

    SimJob(int number, int tasks) {
        this.number = number;
        this.id = JobId.of("job-" + number);
        this.unsucceeded = tasks;
    }
}
