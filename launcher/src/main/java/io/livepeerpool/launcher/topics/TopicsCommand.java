package io.livepeerpool.launcher.topics;

import picocli.CommandLine.Command;

/** {@code pool topics}: the topic catalogue on a real cluster. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "The pool's Kafka topics: create the catalogue with each topic's settings.",
        subcommands = {TopicsCreateCommand.class})
public final class TopicsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
