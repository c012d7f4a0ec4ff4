package org.gridmint.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a wrong command line in a line or two instead of the whole usage: the problem, then how to get
 * help. A command that needs a subcommand still prints its usage, which lists them.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    static final int USAGE = CommandLine.ExitCode.USAGE;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + ex.getMessage());
        if (!UnmatchedArgumentException.printSuggestions(ex, err)) {
            if (!cmd.getSubcommands().isEmpty() && ex.getMessage().startsWith("Missing required subcommand")) cmd.usage(err);
            else err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return USAGE;
    }
}
