package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.read.InputException;
import dev.ptrace.analyze.store.SchemaVersionException;
import dev.ptrace.analyze.store.StoreException;
import java.io.PrintWriter;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * The one place errors reach the user: a single line on stderr and the documented exit code;
 * the Java stack trace only with {@code --debug}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private static final String PREFIX = "ptrace-analyze: ";

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(PREFIX + ex.getMessage());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more.");
        return ExitCodes.USAGE_OR_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        return report(ex, cmd);
    }

    /**
     * Prints an error that does not end the command (one of several files failed), as an
     * error that does would be printed.
     */
    static void warn(CommandLine cmd, Exception ex) {
        report(ex, cmd);
    }

    /** One line on stderr (the stack trace too with --debug); the exit code it calls for. */
    private static int report(Exception ex, CommandLine cmd) {
        PrintWriter err = cmd.getErr();
        int code = ExitCodes.USAGE_OR_INPUT;
        String message;
        if (ex instanceof InputException e) {
            message = e.where();
        } else if (ex instanceof OutputException e) {
            message = e.where();
        } else if (ex instanceof UsageException || ex instanceof SchemaVersionException
                || ex instanceof StoreException) {
            message = ex.getMessage();
        } else {
            code = ExitCodes.INTERNAL;
            message = "internal error: " + ex + (debug(cmd) ? ""
                    : " (run with --debug for the stack trace)");
        }
        err.println(PREFIX + message);
        if (debug(cmd)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static boolean debug(CommandLine cmd) {
        ParseResult pr = cmd.getCommandSpec().root().commandLine().getParseResult();
        for (; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
