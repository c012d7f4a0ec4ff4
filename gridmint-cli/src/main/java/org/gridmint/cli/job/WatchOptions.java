package org.gridmint.cli.job;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of following a job, shared by {@code job watch} and {@code job submit --watch}. */
final class WatchOptions {
    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = Converters.PollInterval.class,
            description = "How often to poll the coordinator while following the job, e.g. 500ms or 5s. Default: ${DEFAULT-VALUE}.")
    Duration interval;

    @Option(names = "--patience", paramLabel = "DURATION", defaultValue = "2m", converter = Converters.Patience.class,
            description = "How long to keep retrying while the coordinator cannot be reached or answers 429/5xx "
                    + "(e.g. while it restarts) before giving up; 0s gives up at once. Default: ${DEFAULT-VALUE}.")
    Duration patience;
}
