package io.livepeerpool.launcher;

import io.livepeerpool.platform.config.ConfigException;
import picocli.CommandLine;

/** Turns expected failures (bad configuration, bad input files) into a one-paragraph message and an exit code. */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
    static final int CONFIG_ERROR = 2;
    static final int INPUT_ERROR = 3;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (e instanceof ConfigException) {
            cli.getErr().println("pool: " + e.getMessage());
            return CONFIG_ERROR;
        }
        if (e instanceof UserInputException) {
            cli.getErr().println("pool: " + e.getMessage());
            return INPUT_ERROR;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(e);
    }
}
