package org.gridmint.cli.sim;

import java.io.PrintWriter;

/** Progress as plain lines on stderr, for logs and pipes: a line when a run starts, at each tenth of it, and at its end. */
final class LineProgress implements SimulateCommand.ProgressDisplay {
    private final PrintWriter err;
    private String label;
    private long total;
    private long lastTenth;
    private long startedAt;

    /** @param err where lines go; null prints nothing */
    LineProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void started(String label, long tasks) {
        this.label = label;
        this.total = Math.max(1, tasks);
        this.lastTenth = 0;
        this.startedAt = System.nanoTime();
        print("simulating " + label + ": " + tasks + " tasks");
    }

    @Override
    public void advanced(long ended) {
        long tenth = ended * 10 / total;
        if (tenth <= lastTenth || tenth >= 10) return;
        lastTenth = tenth;
        print(label + ": " + ended + "/" + total + " tasks ended");
    }

    @Override
    public void finished() {
        print(label + ": done in " + (System.nanoTime() - startedAt) / 1_000_000 + " ms");
    }

    @Override
    public void close() {
        if (err != null) err.flush();
    }

    private void print(String line) {
        if (err == null) return;
        err.println(line);
        err.flush();
    }
}
