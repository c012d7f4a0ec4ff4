package org.gridmint.cli.job;

import org.gridmint.api.JobView;

/** Shows a job's progress while it is followed: a live bar on a terminal, plain lines elsewhere. */
interface Progress extends AutoCloseable {
    /** The job changed. */
    void update(JobView job);

    /** Something happened that deserves its own line, such as an attempt that failed. */
    void event(String line);

    /** Ends the display; later output starts on a fresh line. */
    @Override
    void close();
}
