package io.livepeerpool.schemas.serde;

import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.WinningTicket;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/** Valid records for the serde tests. */
public final class SampleRecords {

    /** 2^256 - 1: the largest uint256, so the largest amount the chain can hold. */
    public static final BigDecimal UINT256_MAX =
            new BigDecimal(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));

    private SampleRecords() {
    }

    public static TranscoderJob job(int n) {
        return TranscoderJob.newBuilder()
                .setRequestId("00000000-0000-4000-8000-" + String.format("%012d", n))
                .setOrchestrator("0x" + "a".repeat(40))
                .setKeyId("key-1")
                .setReceivedAt(Instant.ofEpochMilli(1_700_000_000_000L + n))
                .setJobId("job-" + n)
                .setTranscoder("0x" + String.format("%040x", n % 7))
                .setPixels(3L * 1280 * 720 * 60 + n)
                .setDurationMs(2_000)
                .setProfiles(3)
                .setRoundJob(3_500 + n % 3)
                .setFaceValue(new BigDecimal(BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(n + 1))))
                .build();
    }

    public static WinningTicket ticket(int n, BigDecimal amount) {
        return WinningTicket.newBuilder()
                .setRequestId("00000000-0000-4000-9000-" + String.format("%012d", n))
                .setOrchestrator("0x" + "a".repeat(40))
                .setKeyId("key-1")
                .setReceivedAt(Instant.ofEpochMilli(1_700_000_000_000L + n))
                .setTicketHash("0x" + String.format("%064x", n))
                .setRecipient("0x" + "a".repeat(40))
                .setSender("0x" + "b".repeat(40))
                .setFaceValue(amount)
                .setWinProb(UINT256_MAX)
                .setSenderNonce(BigDecimal.valueOf(n))
                .setRecipientRandHash("0x" + "c".repeat(64))
                .setCreationRound(3_500)
                .setCreationRoundBlockHash("0x" + "d".repeat(64))
                .setSig("0x" + "e".repeat(130))
                .setRecipientRand(amount)
                .setParamsExpirationBlock(n % 2 == 0 ? null : 1_000_000L + n)
                .setWonAt(n % 2 == 0 ? null : Instant.ofEpochMilli(1_700_000_000_500L + n))
                .setTxHash(null)
                .setGasFees(n % 2 == 0 ? null : amount)
                .build();
    }
}
