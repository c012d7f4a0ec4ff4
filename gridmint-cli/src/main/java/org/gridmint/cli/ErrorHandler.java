package org.gridmint.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import org.gridmint.api.http.ApiException;
import org.gridmint.api.json.InvalidInputException;
import org.gridmint.chain.ChainException;
import org.gridmint.cli.format.Problems;
import org.gridmint.client.GatewayException;
import picocli.CommandLine;

/**
 * Turns what a command throws into a message on stderr and an exit status. Expected failures (the
 * coordinator said no, it cannot be reached, the input is invalid) print no stack trace; anything else is
 * a bug and prints one.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int FAILURE = 1;
    static final int INTERRUPTED = 130;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        int code = switch (ex) {
            case CliException e -> {
                err.println(e.getMessage());
                yield e.exitCode();
            }
            case ApiException e -> {
                err.println(Problems.describe(e.problem()));
                yield FAILURE;
            }
            case GatewayException e -> {
                err.println(Problems.describe(e));
                yield FAILURE;
            }
            case InvalidInputException e -> {
                err.println(Problems.describe("invalid input:", e.errors()));
                yield FAILURE;
            }
            case ChainException e -> {
                err.println("error: " + e.getMessage() + (e.retryable() ? " (the chain's node may be down or slow: try again)" : ""));
                yield FAILURE;
            }
            case UncheckedIOException e when unreachable(e) -> {
                err.println(Problems.unreachable(e.getMessage()));
                yield FAILURE;
            }
            case UncheckedIOException e -> {
                err.println("error: " + e.getMessage());
                yield FAILURE;
            }
            case InterruptedException e -> {
                err.println("interrupted");
                yield INTERRUPTED;
            }
            default -> {
                err.println("internal error (please report it): " + ex);
                ex.printStackTrace(err);
                yield FAILURE;
            }
        };
        err.flush();
        return code;
    }

    static boolean unreachable(Throwable e) {
        if (e.getMessage() != null && e.getMessage().startsWith("cannot reach the coordinator")) return true;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException || t instanceof UnresolvedAddressException
                    || t instanceof UnknownHostException) return true;
        }
        return false;
    }
}
