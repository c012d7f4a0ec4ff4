package org.gridmint.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.scheduling.Requirements;
import org.gridmint.core.scheduling.TaskRecord;
import org.gridmint.core.verify.Partner;
import org.gridmint.core.verify.TaskVerification;

/**
 * One task: core's {@link TaskRecord} and its live {@link SimAttempt}s, moved only by core's {@code TaskRules}, plus
 * what the simulation alone knows (how much work it is, how far its checkpoints got).
 */
final class SimTask {
    final SimJob job;
    final TaskId id;
    /** Queue order: job arrival order, then index; a requeued task keeps its place. */
    final long seq;
    /** Work at reference speed 1.0, in milliseconds. */
    final long work;
    final Requirements requirements;

    TaskRecord record;
    /** Its live attempts in core: none while pending, one, or two while a backup races the first. */
    final List<SimAttempt> live = new ArrayList<>(2);
    /** Work saved by the latest checkpoint, which the next attempt resumes from (if the policy resumes). */
    long savedWork;
    /** The latest failed attempt's checkpointed wall time and its provider: billed if the next attempt resumes from it. */
    long unbilledCheckpointMillis;
    SimProvider unbilledCheckpointProvider;

    /** Its results so far, in the order they arrived, while it is verified; cleared when it is accepted or fails. */
    final List<SimResult> results = new ArrayList<>(2);
    /** Its verification plan, decided at its first result (core's {@code VerificationRules.plan}); null before. */
    TaskVerification plan;
    /** Who may run its next result: null for anyone (its first), else core's partner for a replica or tie-breaker. */
    Partner partner;
    /** The result it was accepted on, while accepted; null otherwise. */
    SimResult accepted;

    /** Whether it waits for a replica or tie-breaker: only providers that have not run it, trusted ones if asked, may. */
    boolean verifying() {
        return partner != null;
    }

    /** Whether {@code p} has returned a result for it already. */
    boolean ranOn(SimProvider p) {
        for (SimResult r : results) {
            if (r.provider() == p) return true;
        }
        return false;
    }

    /** Its live attempt number {@code number}; null if that attempt has ended. */
    SimAttempt live(int number) {
        for (SimAttempt a : live) {
            if (a.number() == number) return a;
        }
        return null;
    }

    /** Its live attempt other than {@code a}, or null. */
    SimAttempt other(SimAttempt a) {
        for (SimAttempt o : live) {
            if (o != a) return o;
        }
        return null;
    }

    /** Its live attempt working on {@code p}, or null. */
    SimAttempt workingOn(SimProvider p) {
        for (SimAttempt a : live) {
            if (a.provider == p && a.providerUp) return a;
        }
        return null;
    }

    /** True while one of its live attempts still works on an up provider. */
    boolean working() {
        for (SimAttempt a : live) {
            if (a.providerUp) return true;
        }
        return false;
    }

    /** A new task of {@code job}, PENDING since {@code arrived}. */
    SimTask(SimJob job, int index, long seq, long work, Requirements requirements, Instant arrived) {
        this.job = job;
        this.id = new TaskId(job.id, index);
        this.seq = seq;
        this.work = work;
        this.requirements = requirements;
        this.record = TaskRecord.pending(id, arrived);
    }
}
