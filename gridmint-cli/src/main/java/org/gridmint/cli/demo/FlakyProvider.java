package org.gridmint.cli.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.gridmint.provider.agent.AgentEvent;
import org.gridmint.provider.agent.ProviderAgent;

/**
 * The demo's unreliable machine: it dies (as {@link ProviderAgent#crash()}: its tasks stopped dead, nothing said to the
 * coordinator) while a task runs, stays down a moment, and comes back under the same provider id — as many
 * times as asked. The coordinator only learns of each death when the leases expire.
 */
final class FlakyProvider {
    private final Supplier<ProviderAgent> starter;
    private final int crashes;
    private final PrintWriter out;
    private volatile ProviderAgent agent;
    private volatile CountDownLatch taskStarted = new CountDownLatch(1);
    private volatile boolean stopped;
    private volatile int done;

    FlakyProvider(Supplier<ProviderAgent> starter, int crashes, PrintWriter out) {
        this.starter = starter;
        this.crashes = crashes;
        this.out = out;
    }

    void startFirst() {
        agent = start();
    }

    private ProviderAgent start() {
        taskStarted = new CountDownLatch(1);
        ProviderAgent a = starter.get();
        a.addListener(e -> {
            if (e instanceof AgentEvent.TaskStarted) taskStarted.countDown();
        });
        return a;
    }

    /** Kills the agent mid-task {@code crashes} times, restarting it after each death. */
    void run() {
        try {
            for (int i = 0; i < crashes && !stopped; i++) {
                while (!stopped && !taskStarted.await(200, TimeUnit.MILLISECONDS)) {
                    // Wait for the agent to be running a task.
                }
                if (stopped) return;
                Thread.sleep(400);
                int running = agent.stats().running();
                agent.crash();
                done++;
                say("!! provider flaky-fox died with " + running + " task(s) running (death " + done + " of " + crashes
                        + "); the coordinator will notice when their leases expire");
                Thread.sleep(Duration.ofSeconds(2));
                if (stopped) return;
                agent = start();
                say("!! provider flaky-fox is back and claims work again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void say(String line) {
        synchronized (out) {
            out.println();
            out.println(line);
            out.flush();
        }
    }

    void stop() {
        stopped = true;
    }

    int crashesDone() {
        return done;
    }

    void shutdown() {
        ProviderAgent a = agent;
        if (a != null) a.shutdown(Duration.ofSeconds(5));
    }
}
