package org.gridmint.coordinator;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes long-polling claims when work may have appeared (a job submitted, a task requeued). A generation
 * counter makes the wait race-free: a claimer reads the generation, looks for work, and waits only if
 * nothing changed since it read.
 */
public final class WorkSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long generation;

    public long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    public void signal() {
        lock.lock();
        try {
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the generation moves past {@code seen} or {@code millis} pass; returns true if it moved. */
    public boolean await(long seen, long millis) throws InterruptedException {
        long nanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            while (generation == seen) {
                if (nanos <= 0) return false;
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
