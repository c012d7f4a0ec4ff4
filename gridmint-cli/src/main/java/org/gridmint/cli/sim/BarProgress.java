package org.gridmint.cli.sim;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A live bar per run on the terminal's stderr, so that stdout keeps only the report. Concurrency: the bar redraws from
 * its own thread; the simulation only moves its counter.
 */
final class BarProgress implements SimulateCommand.ProgressDisplay {
    private final PrintStream terminal;
    private ProgressBar bar;

    BarProgress(PrintStream terminal) {
        this.terminal = terminal;
    }

    @Override
    public void started(String label, long tasks) {
        close();
        bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(Math.max(1, tasks)).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(terminal)).setUpdateIntervalMillis(200).setUnit(" tasks", 1).build();
    }

    @Override
    public void advanced(long ended) {
        if (bar != null) bar.stepTo(ended);
    }

    @Override
    public void finished() {
        close();
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
        bar = null;
        terminal.flush();
    }
}
