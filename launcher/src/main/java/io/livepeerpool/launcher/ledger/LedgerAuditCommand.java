package io.livepeerpool.launcher.ledger;

import io.livepeerpool.launcher.ConfigOptions;
import io.livepeerpool.ledger.audit.ExportException;
import io.livepeerpool.ledger.audit.LedgerAudit;
import io.livepeerpool.ledger.audit.TopicReader;
import io.livepeerpool.ledger.replay.ReplayInputException;
import io.livepeerpool.ledger.streams.LedgerConfig;
import io.livepeerpool.ledger.streams.LedgerTopics;
import io.livepeerpool.platform.files.Directories;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pool ledger audit}: export, replay, compare with what the ledger published. Exit 0 when every settlement,
 * allocation and payout request is the replay's, 1 at the first difference (printed).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Export the source topics, replay them with the ledger's settings and compare with the published "
                + "settlements, allocations and payout requests.", "Exit 0: all equal; 1: the first difference is printed."})
public final class LedgerAuditCommand implements Callable<Integer> {
    static final int DIFFERENCE = 1;

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Option(names = "--keep", paramLabel = "DIR", description = "Keep the export and the replay's output in DIR "
            + "(ledger-export.jsonl, ledger-replay.jsonl).")
    Path keep;

    @Override
    public Integer call() throws IOException {
        LedgerConfig ledger = LedgerConfig.from(config.load("ledger audit", LedgerConfig.KEYS));
        Path workDir = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("ledger-audit-");
        try (SchemaRegistryClient registry = SchemaRegistryClient.connect(ledger.schemaRegistryUrl())) {
            LedgerAudit.Result result = new LedgerAudit(new TopicReader(ledger.bootstrapServers(), registry),
                    LedgerTopics.catalogue(), ledger.policy()).run(workDir);
            spec.commandLine().getOut().println(result.line());
            spec.commandLine().getOut().flush();
            return result.equal() ? 0 : DIFFERENCE;
        } catch (ExportException | ReplayInputException e) {
            spec.commandLine().getOut().println("audit: difference: the topics do not replay: " + e.getMessage());
            spec.commandLine().getOut().flush();
            return DIFFERENCE;
        } finally {
            if (keep == null) {
                Directories.deleteQuietly(workDir);
            }
        }
    }
}
