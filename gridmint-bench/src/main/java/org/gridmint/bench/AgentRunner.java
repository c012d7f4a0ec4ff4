package org.gridmint.bench;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.gridmint.api.Assignment;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.http.ApiException;

/**
 * Agent threads, one per registered provider, that claim and complete no-op tasks until a given number of
 * tasks has completed, timing every call.
 *
 * <p>The agents share one completion counter, so they stop as soon as the last task is done instead of
 * waiting out a final long poll; the elapsed time ends at the last completion's answer, not at thread exit.
 */
final class AgentRunner implements Agents {
    private static final int COMPLETE_TRIES = 3;
    private static final long MAX_ERRORS = 10_000;

    private final List<String> providers;
    private final List<WorkPort> ports;
    private final int batch;
    private final long waitMillis;

    /** One port per provider; the runner closes them. */
    AgentRunner(List<String> providers, List<WorkPort> ports, int batch, long waitMillis) {
        if (providers.size() != ports.size()) throw new IllegalArgumentException("one port per provider");
        this.providers = List.copyOf(providers);
        this.ports = List.copyOf(ports);
        this.batch = batch;
        this.waitMillis = waitMillis;
    }

    @Override
    public AgentReport run(int tasks, Duration timeout) throws InterruptedException {
        int n = providers.size();
        var phase = new Phase(tasks, System.nanoTime() + timeout.toNanos());
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        Stats[] stats = new Stats[n];
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Stats s = stats[i] = new Stats();
            String provider = providers.get(i);
            WorkPort port = ports.get(i);
            threads.add(Thread.ofPlatform().name("bench-agent-" + i).start(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                loop(provider, port, phase, s);
            }));
        }
        ready.await();
        long cpu0 = AgentReport.processCpuNanos();
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) t.join();
        long cpu = AgentReport.processCpuNanos() - cpu0;

        long claims = 0, empty = 0, claimed = 0;
        List<long[]> claimNanos = new ArrayList<>(), completeNanos = new ArrayList<>();
        for (Stats s : stats) {
            claims += s.claims;
            empty += s.emptyClaims;
            claimed += s.claimedTasks;
            claimNanos.add(s.claimNanos.toArray());
            completeNanos.add(s.completeNanos.toArray());
        }
        Map<String, Long> errors = new TreeMap<>();
        phase.errors.forEach((k, v) -> errors.put(k, v.sum()));
        long last = phase.lastCompletion.get();
        return new AgentReport(phase.completed.get(), last == 0 ? 0 : last - start, claims, empty, claimed,
                AgentReport.Latency.of(concat(claimNanos)), AgentReport.Latency.of(concat(completeNanos)),
                errors, new TreeMap<>(phase.errorSamples), cpu, phase.stopped);
    }

    private void loop(String provider, WorkPort port, Phase phase, Stats s) {
        ClaimRequest claim = new ClaimRequest(batch, waitMillis);
        CompleteRequest done = new CompleteRequest(provider, 0, List.of(), null, null, 0);
        while (phase.completed.get() < phase.tasks) {
            if (phase.overdue()) return;
            List<Assignment> got;
            long t0 = System.nanoTime();
            try {
                got = port.claim(provider, claim);
            } catch (RuntimeException e) {
                phase.error("claim", e);
                pause();
                continue;
            }
            long t1 = System.nanoTime();
            if (got.isEmpty()) {
                s.emptyClaims++;
                continue;
            }
            s.claims++;
            s.claimedTasks += got.size();
            s.claimNanos.add(t1 - t0);
            for (Assignment a : got) {
                for (int attempt = 1; attempt <= COMPLETE_TRIES; attempt++) {
                    long c0 = System.nanoTime();
                    try {
                        port.complete(a.attemptId(), done);
                        long c1 = System.nanoTime();
                        s.completeNanos.add(c1 - c0);
                        phase.completed.incrementAndGet();
                        phase.lastCompletion.accumulateAndGet(c1, Math::max);
                        break;
                    } catch (UncheckedIOException e) {
                        // A lost answer: the coordinator answers a repeated completion again, unchanged.
                        phase.error("complete", e);
                    } catch (RuntimeException e) {
                        // Refused (e.g. 409: the lease was lost); the coordinator requeues the task.
                        phase.error("complete", e);
                        break;
                    }
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long[] concat(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @Override
    public void close() {
        for (WorkPort p : ports) p.close();
    }

    /** State shared by the agents of one phase. */
    private static final class Phase {
        final int tasks;
        final long deadline;
        final AtomicInteger completed = new AtomicInteger();
        final AtomicLong lastCompletion = new AtomicLong();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final Map<String, String> errorSamples = new ConcurrentHashMap<>();
        final LongAdder errorTotal = new LongAdder();
        volatile boolean stopped;

        Phase(int tasks, long deadline) {
            this.tasks = tasks;
            this.deadline = deadline;
        }

        boolean overdue() {
            if (System.nanoTime() > deadline || errorTotal.sum() > MAX_ERRORS) {
                stopped = true;
                return true;
            }
            return false;
        }

        void error(String call, RuntimeException e) {
            String kind = call + ": " + (e instanceof ApiException api ? "HTTP " + api.status() + " " + api.problem().title()
                    : e.getClass().getSimpleName());
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
            errorSamples.putIfAbsent(kind, String.valueOf(e.getMessage()));
            errorTotal.increment();
        }
    }

    /** One agent's counts and call times; written only by its own thread, read after it ended. */
    private static final class Stats {
        final LongList claimNanos = new LongList();
        final LongList completeNanos = new LongList();
        long claims, emptyClaims, claimedTasks;
    }

    /** A growable array of longs, so that recording a latency does not box. */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
