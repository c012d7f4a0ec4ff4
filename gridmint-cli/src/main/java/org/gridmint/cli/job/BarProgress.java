package org.gridmint.cli.job;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gridmint.api.JobView;
import org.gridmint.cli.format.JobFormat;

/**
 * A live progress bar on a terminal: finished tasks out of all, with the count per state beside it. Event
 * lines are written above the bar, which redraws under them.
 *
 * <p>Concurrency: the bar redraws from its own thread; event lines and redraws both go through one
 * PrintStream, whose methods are synchronized, so lines never interleave mid-way.
 */
final class BarProgress implements Progress {
    private final PrintStream terminal;
    private final ConsoleProgressBarConsumer consumer;
    private ProgressBar bar;

    BarProgress(PrintStream terminal) {
        this.terminal = terminal;
        this.consumer = new ConsoleProgressBarConsumer(terminal);
    }

    @Override
    public void update(JobView job) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(job.id()).setInitialMax(Math.max(1, job.taskCount())).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(consumer).setUpdateIntervalMillis(250).setUnit(" tasks", 1).hideEta().build();
        }
        bar.maxHint(Math.max(1, job.taskCount()));
        bar.stepTo(JobFormat.done(job));
        bar.setExtraMessage(job.state().toLowerCase() + ": " + JobFormat.countsText(job));
    }

    @Override
    public void event(String line) {
        int width = Math.max(0, consumer.getMaxRenderedLength() - line.length());
        // Overwrite the bar's line, then let it redraw below.
        terminal.print("\r" + line + " ".repeat(width) + "\n");
        terminal.flush();
        if (bar != null) bar.refresh();
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
        terminal.flush();
    }
}
