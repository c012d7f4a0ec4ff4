package org.gridmint.cli.job;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.gridmint.api.JobView;
import org.gridmint.cli.format.JobFormat;

/**
 * Progress as plain lines, for logs and pipes where a redrawn bar would be noise: a line when the counts
 * change, and at most every {@link #QUIET} otherwise so that a long quiet job still shows it is followed.
 */
final class LineProgress implements Progress {
    static final Duration QUIET = Duration.ofSeconds(30);

    private final PrintWriter out;
    private final InstantSource clock;
    private String lastLine;
    private Instant lastAt = Instant.MIN;

    LineProgress(PrintWriter out, InstantSource clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void update(JobView job) {
        String line = JobFormat.progressLine(job);
        Instant now = clock.instant();
        if (line.equals(lastLine) && Duration.between(lastAt, now).compareTo(QUIET) < 0) return;
        out.println(line);
        out.flush();
        lastLine = line;
        lastAt = now;
    }

    @Override
    public void event(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
