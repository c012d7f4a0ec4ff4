package org.gridmint.sim;

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

    SimJob(int number, int tasks) {
        this.number = number;
        this.id = JobId.of("job-" + number);
        this.unsucceeded = tasks;
    }
}
