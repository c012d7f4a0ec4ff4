package org.gridmint.sim;

import java.util.PriorityQueue;

/**
 * The simulation's future: events ordered by virtual time, ties broken by the order they were scheduled in, so that a
 * run is deterministic. Each event costs O(log n) to schedule and to take.
 */
final class Events {
    /** What happens. */
    enum Kind { JOB_ARRIVES, TICK, ATTEMPT_ENDS, PROVIDER_FAILS, PROVIDER_RETURNS, LEASE_EXPIRES, QUARANTINE_ENDS, SPECULATE }

    /**
     * One event at {@code at}; {@code ref} is the job number, task, provider or slot it is about, and {@code n} an attempt
     * number or provider generation that tells a stale event (its attempt or provider is gone) from a live one.
     */
    record Event(long at, long seq, Kind kind, Object ref, int n) {}

    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long seq;
    private long taken;

    void add(long at, Kind kind, Object ref, int n) {
        queue.add(new Event(at, seq++, kind, ref, n));
    }

    Event peek() {
        return queue.peek();
    }

    Event poll() {
        taken++;
        return queue.poll();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** How many events have been taken so far. */
    long taken() {
        return taken;
    }
}
