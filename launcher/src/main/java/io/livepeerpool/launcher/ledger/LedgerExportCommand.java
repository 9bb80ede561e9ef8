package io.livepeerpool.launcher.ledger;

import io.livepeerpool.launcher.ConfigOptions;
import io.livepeerpool.launcher.UserInputException;
import io.livepeerpool.ledger.audit.ExportException;
import io.livepeerpool.ledger.audit.ExportSources;
import io.livepeerpool.ledger.audit.LedgerExport;
import io.livepeerpool.ledger.audit.TopicReader;
import io.livepeerpool.ledger.streams.LedgerConfig;
import io.livepeerpool.ledger.streams.LedgerTopics;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pool ledger export}: the retained source topics as {@code pool ledger replay} input, read_committed. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the ledger's source topics (chain events, jobs) as replay input lines, read_committed from "
                + "offset 0, each job in the epoch the live ledger counted it in (pool.ledger-epoch-boundaries)."})
public final class LedgerExportCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Option(names = "--output", paramLabel = "FILE.jsonl", description = "Where to write the lines (default: stdout).")
    Path output;

    @Override
    public Integer call() throws IOException {
        LedgerConfig ledger = LedgerConfig.from(config.load("ledger export", LedgerConfig.KEYS));
        try (SchemaRegistryClient registry = SchemaRegistryClient.connect(ledger.schemaRegistryUrl());
             Writer out = output == null
                     ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                     : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            LedgerExport.Summary summary = new LedgerExport(new TopicReader(ledger.bootstrapServers(), registry),
                    ExportSources.of(LedgerTopics.catalogue())).export(out, OptionalLong.empty());
            System.err.println("export: " + summary.lines() + " lines, " + summary.epochs() + " epochs closed, last "
                    + "round " + summary.lastRound());
            return 0;
        } catch (ExportException e) {
            throw new UserInputException("export: " + e.getMessage());
        }
    }
}
