package io.livepeerpool.ledger.audit;

import io.livepeerpool.ledger.replay.LedgerReplay;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.streams.LedgerTopics;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code pool ledger audit}: reads what the ledger published, exports the source topics through the last published
 * settlement ({@link LedgerExport}), replays the export with the ledger's policy ({@link LedgerReplay}: the
 * specification) and compares ({@link AuditComparison}). The published side is read first, so every settlement it
 * holds has its epoch boundaries and sources in what the export reads.
 */
public final class LedgerAudit {
    private final TopicReader reader;
    private final LedgerTopics topics;
    private final LedgerPolicy policy;

    /** The verdict: the counts compared and the first difference, if any. */
    public record Result(int settlements, long allocations, long payoutRequests, Optional<String> difference) {
        public boolean equal() {
            return difference.isEmpty();
        }

        public String line() {
            return difference.map(d -> "audit: difference: " + d).orElseGet(() -> "audit: " + settlements
                    + " settlements, " + allocations + " allocations, " + payoutRequests
                    + " payout requests, all equal");
        }
    }

    public LedgerAudit(TopicReader reader, LedgerTopics topics, LedgerPolicy policy) {
        this.reader = reader;
        this.topics = topics;
        this.policy = policy;
    }

    /** @param workDir where the export and the replay's output are written (kept, for the auditor to read) */
    public Result run(Path workDir) {
        PublishedLedger published = PublishedLedger.read(reader, topics);
        List<AuditedRound> rounds = published.rounds();
        long through = rounds.isEmpty() ? -1 : rounds.getLast().round();
        Path export = workDir.resolve("ledger-export.jsonl");
        Path replayed = workDir.resolve("ledger-replay.jsonl");
        try {
            try (Writer out = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
                new LedgerExport(reader, ExportSources.of(topics)).export(out, OptionalLong.of(through));
            }
            try (Reader in = Files.newBufferedReader(export, StandardCharsets.UTF_8);
                 Writer out = Files.newBufferedWriter(replayed, StandardCharsets.UTF_8)) {
                LedgerReplay.replay(in, out, policy);
            }
            List<AuditedRound> replay;
            try (Reader in = Files.newBufferedReader(replayed, StandardCharsets.UTF_8)) {
                replay = ReplayOutput.read(in);
            }
            Optional<String> difference = published.problems().stream().findFirst()
                    .or(() -> AuditComparison.firstDifference(rounds, replay))
                    .or(() -> published.inlineProblems().stream().findFirst());
            return new Result(rounds.size(), published.allocationCount(), published.payoutCount(), difference);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
