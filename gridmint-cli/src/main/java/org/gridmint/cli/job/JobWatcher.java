package org.gridmint.cli.job;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Set;
import org.gridmint.api.JobView;
import org.gridmint.api.http.ApiException;
import org.gridmint.cli.CliContext;
import org.gridmint.cli.format.JobFormat;
import org.gridmint.client.GridmintClient;
import org.gridmint.core.spec.Durations;

/**
 * Follows a job to its end, showing progress and each failed attempt once, and gives the exit status of its
 * outcome.
 *
 * <p>Failure modes: a coordinator that goes away after answering once (unreachable, or answering 429/5xx, as
 * while it restarts) is waited for, up to {@code patience} without a good answer; other errors (404, 403),
 * and any error before the first answer, end the watch at once.
 */
public final class JobWatcher {
    private final CliContext context;
    private final PrintWriter out;
    private final InstantSource clock = InstantSource.system();

    public JobWatcher(CliContext context, PrintWriter out) {
        this.context = context;
        this.out = out;
    }

    /** As {@link #watch(GridmintClient, String, WatchOptions)}, for callers outside the job commands (the demo). */
    public int watch(GridmintClient client, String jobId, Duration interval, Duration patience) throws InterruptedException {
        WatchOptions options = new WatchOptions();
        options.interval = interval;
        options.patience = patience;
        return watch(client, jobId, options);
    }

    /** Watches until the job is final; returns 0 when it SUCCEEDED, 1 when it FAILED, 2 when it was CANCELLED. */
    int watch(GridmintClient client, String jobId, WatchOptions options) throws InterruptedException {
        Set<String> reported = new HashSet<>();
        JobView last;
        try (Progress progress = context.interactive() ? new BarProgress(context.terminal()) : new LineProgress(out, clock)) {
            last = follow(client, jobId, options, progress, reported);
        }
        out.println(JobFormat.summary(last));
        out.flush();
        return JobFormat.exitCode(last.state());
    }

    private JobView follow(GridmintClient client, String jobId, WatchOptions options, Progress progress, Set<String> reported)
            throws InterruptedException {
        Instant[] failingSince = {null};
        boolean[] answered = {false};
        while (true) {
            try {
                // Every call's first answer reaches the callback, so an answer after an outage always resets the clock.
                return client.watch(jobId, options.interval, job -> {
                    answered[0] = true;
                    failingSince[0] = null;
                    for (String line : JobFormat.newFailures(job, reported)) progress.event(line);
                    progress.update(job);
                });
            } catch (UncheckedIOException | ApiException e) {
                // A coordinator that never answered is misconfigured, not restarting: say so now rather than after the patience.
                if (e instanceof ApiException api && !api.retryable() || !answered[0] || options.patience.isZero()) throw e;
                Instant now = clock.instant();
                if (failingSince[0] == null) {
                    failingSince[0] = now;
                    progress.event("lost the coordinator (" + firstLine(e.getMessage()) + "); retrying for up to " + Durations.format(options.patience));
                } else if (Duration.between(failingSince[0], now).compareTo(options.patience) >= 0) {
                    throw e;
                }
                Thread.sleep(options.interval);
            }
        }
    }

    private static String firstLine(String s) {
        return s == null ? "no answer" : s.lines().findFirst().orElse(s);
    }
}
