package org.gridmint.cli.job;

import picocli.CommandLine.Command;

/** {@code gridmint job}: the client's commands for jobs. Not runnable alone; picocli asks for a subcommand. */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Submit jobs, follow them, fetch their logs, results and bills.",
        subcommands = {SubmitCommand.class, WatchCommand.class, StatusCommand.class, LogsCommand.class, ResultsCommand.class,
                CancelCommand.class, ListCommand.class, BillCommand.class})
public final class JobCommand {}
