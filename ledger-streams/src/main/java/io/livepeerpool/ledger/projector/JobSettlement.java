package io.livepeerpool.ledger.projector;

/**
 * The SQL that {@link JobRows}, {@link EpochBoundaryRows} and {@link JobRefusalRows} share: a job's post, the epoch
 * boundaries of its jobs partition and the post's refusal come from three topics, so any may be projected first, and
 * whichever comes last sets the job's {@code weight} and {@code settled_round}.
 *
 * <p>Two transactions (two instances of one projector) projecting a job and its boundary at once would each miss the
 * other's uncommitted row (READ COMMITTED), and the job would stay unsettled. So each side's first statement takes a
 * transaction-scoped advisory lock on the jobs partition ({@link #LOCK_PARTITION}) and its second statement, which
 * takes a new snapshot after the wait, reads the other's rows. One instance owns a jobs partition, so jobs never wait
 * for jobs; a deadlock with a boundary or refusal batch locking partitions in another order is detected by PostgreSQL
 * and retried like any transient failure.
 */
final class JobSettlement {
    /** The key space of these locks (the two-int form, apart from Flyway's and the tickets' locks). */
    static final int LOCK_SPACE = 0x4a4f4253;

    /** A CTE to select FROM in a first statement; its one parameter is the jobs partition (null: no lock). */
    static final String LOCK_PARTITION = "WITH partition_lock AS (SELECT pg_advisory_xact_lock(" + LOCK_SPACE
            + ", ?::int))\n";

    /**
     * The ledger's figures of the post at (partition, offset), if it is its job's row: its settled round is the round
     * of the first boundary of its partition above its offset (null while none is known), and a refused post has
     * neither round nor weight. Idempotent; parameters: partition, offset.
     */
    static final String SETTLE_POST = """
            UPDATE transcoder_jobs j
            SET settled_round = CASE WHEN post.refused THEN NULL ELSE
                                    (SELECT b.round FROM job_boundaries b WHERE b.job_partition = j.kafka_partition
                                       AND b.job_offset > j.kafka_offset ORDER BY b.epoch LIMIT 1) END,
                weight = CASE WHEN post.refused THEN NULL ELSE j.weight END
            FROM (SELECT EXISTS (SELECT 1 FROM job_refusals r WHERE r.job_partition = ?::int AND r.job_offset = ?::bigint)
                  AS refused) post
            WHERE j.kafka_partition = ? AND j.kafka_offset = ?""";

    /**
     * When the row of job (orchestrator, jobId) is a refused post, the first later post of that id that is not
     * refused (the one the ledger counted: the first post inside the window counts) becomes the row, with its weight
     * and settled round. Idempotent; parameters: orchestrator, jobId.
     */
    static final String ELECT_COUNTED_POST = """
            UPDATE transcoder_jobs j
            SET transcoder = r.transcoder, pixels = r.pixels, duration_ms = r.duration_ms, profiles = r.profiles,
                round_job = r.round_job, face_value = r.face_value, key_id = r.key_id, request_id = r.request_id,
                received_at = r.received_at, kafka_partition = r.kafka_partition, kafka_offset = r.kafka_offset,
                weight = r.weight,
                settled_round = (SELECT b.round FROM job_boundaries b WHERE b.job_partition = r.kafka_partition
                                   AND b.job_offset > r.kafka_offset ORDER BY b.epoch LIMIT 1)
            FROM job_reposts r
            WHERE j.orchestrator = ? AND j.job_id = ?
              AND EXISTS (SELECT 1 FROM job_refusals x
                          WHERE x.job_partition = j.kafka_partition AND x.job_offset = j.kafka_offset)
              AND r.kafka_partition = j.kafka_partition
              AND r.kafka_offset = (SELECT min(q.kafka_offset) FROM job_reposts q
                                    WHERE q.orchestrator = j.orchestrator AND q.job_id = j.job_id
                                      AND q.kafka_partition = j.kafka_partition AND q.kafka_offset > j.kafka_offset
                                      AND NOT EXISTS (SELECT 1 FROM job_refusals y WHERE y.job_partition =
                                                      q.kafka_partition AND y.job_offset = q.kafka_offset))""";

    private JobSettlement() {
    }
}
