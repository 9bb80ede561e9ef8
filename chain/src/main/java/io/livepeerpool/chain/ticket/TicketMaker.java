package io.livepeerpool.chain.ticket;

import io.livepeerpool.chain.contracts.RoundsManagerClient;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.protocol.ticket.Ticket;
import io.livepeerpool.protocol.ticket.TicketHash;
import io.livepeerpool.protocol.ticket.TicketSignature;
import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.protocol.ticket.WinningCheck;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * Builds and signs real tickets as a broadcaster does, playing the recipient's part too (it picks the recipientRand
 * and commits to it). auxData uses the last initialized round and its block hash read from the RoundsManager, as
 * go-livepeer's round watcher supplies them. Every field can be overridden through a {@link Draft} to build tickets
 * that hit a given revert.
 */
public final class TicketMaker {
    /** winProb 2^256-1: the ticket wins unless its draw is exactly 2^256-1. */
    public static final BigInteger ALWAYS_WINS = Uint256.MAX;
    /** winProb 0: the ticket never wins. */
    public static final BigInteger NEVER_WINS = BigInteger.ZERO;

    private static final int MAX_WIN_ATTEMPTS = 100_000;

    private final RoundsManagerClient rounds;
    private final ECKeyPair senderKey;
    private final Address sender;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong nonce = new AtomicLong();

    public TicketMaker(RoundsManagerClient rounds, Credentials sender) {
        this.rounds = rounds;
        this.senderKey = sender.getEcKeyPair();
        this.sender = Address.parse(sender.getAddress());
    }

    public Address sender() {
        return sender;
    }

    /** A signed ticket for {@code recipient} in the last initialized round; it may or may not win. */
    public SignedTicket make(Address recipient, BigInteger faceValue, BigInteger winProb) {
        return draft(recipient).faceValue(faceValue).winProb(winProb).sign();
    }

    /** Draws tickets (new nonce each time) until one wins; for a small winProb this takes about 1/p tries. */
    public SignedTicket makeWinning(Address recipient, BigInteger faceValue, BigInteger winProb) {
        Draft draft = draft(recipient).faceValue(faceValue).winProb(winProb);
        for (int attempt = 0; attempt < MAX_WIN_ATTEMPTS; attempt++) {
            SignedTicket ticket = draft.senderNonce(nextNonce()).sign();
            if (ticket.wins()) {
                return ticket;
            }
        }
        throw new IllegalStateException("no winning ticket in " + MAX_WIN_ATTEMPTS + " tries at winProb " + winProb);
    }

    /** A ticket to fill in; defaults: faceValue 0, always wins, next nonce, random recipientRand, last round. */
    public Draft draft(Address recipient) {
        return new Draft(recipient);
    }

    private BigInteger nextNonce() {
        return BigInteger.valueOf(nonce.incrementAndGet());
    }

    /** One ticket being built. The round is read from the chain at {@link #sign()} unless set. */
    public final class Draft {
        private final Address recipient;
        private BigInteger faceValue = BigInteger.ZERO;
        private BigInteger winProb = ALWAYS_WINS;
        private BigInteger senderNonce;
        private BigInteger recipientRand;
        private BigInteger creationRound;
        private Bytes32 creationRoundBlockHash;

        private Draft(Address recipient) {
            this.recipient = Objects.requireNonNull(recipient, "recipient");
        }

        public Draft faceValue(BigInteger wei) {
            this.faceValue = wei;
            return this;
        }

        public Draft winProb(BigInteger winProb) {
            this.winProb = winProb;
            return this;
        }

        public Draft senderNonce(BigInteger senderNonce) {
            this.senderNonce = senderNonce;
            return this;
        }

        public Draft recipientRand(BigInteger recipientRand) {
            this.recipientRand = recipientRand;
            return this;
        }

        /** Uses this round and block hash in auxData instead of the last initialized round's. */
        public Draft creationRound(BigInteger round, Bytes32 blockHash) {
            this.creationRound = round;
            this.creationRoundBlockHash = blockHash;
            return this;
        }

        public SignedTicket sign() {
            BigInteger round = creationRound;
            Bytes32 blockHash = creationRoundBlockHash;
            if (round == null) {
                round = rounds.lastInitializedRound();
                blockHash = rounds.blockHashForRound(round);
            }
            BigInteger rand = recipientRand != null ? recipientRand : new BigInteger(256, random);
            BigInteger ticketNonce = senderNonce != null ? senderNonce : nextNonce();
            Ticket ticket = new Ticket(recipient, sender, faceValue, winProb, ticketNonce,
                    WinningCheck.recipientRandHash(rand), round, blockHash);
            byte[] sig = TicketSignature.sign(TicketHash.of(ticket), senderKey);
            return new SignedTicket(ticket, sig, rand);
        }
    }
}
