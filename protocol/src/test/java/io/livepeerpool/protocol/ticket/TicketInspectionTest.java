package io.livepeerpool.protocol.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** go-livepeer's recorded redeemWinningTicket call (eth/helpers_test.go, in LIVEPEER.md) and broken copies of it. */
class TicketInspectionTest {
    static final Address SENDER = Address.parse("0x3eE860A4abA830AF84EbBCE2b381fc11DB8493e2");
    static final Ticket TICKET = new Ticket(
            Address.parse("0xa5E37e0BA14655e92DEff29F32adbc7D09b8a2cF"),
            SENDER,
            new BigInteger("10000000000000000"),
            new BigInteger("11579208923731619542357098500868790785326998466564056403945759000000000000"),
            BigInteger.valueOf(14),
            Bytes32.parse("0x5309662eee5608da45aaefe60433adec052acab8683dd12d78aad8a0192b3bec"),
            BigInteger.valueOf(1619),
            Bytes32.parse("0xf3b1d2925fd1325a8a6ba8923fbe6de31dd93d9e85540eaf5a306f21177c3b8c"));
    static final byte[] SIG = HexFormat.of().parseHex("90cb8a9280386cc77e9f3473bb87530cf9a1dbe5625013a9ed16675ad7607c80"
            + "0bf4e32ee4cc6b9c785e1c786c9965831a8216c408b251f98d6c18bf1bf4d1621c");
    static final BigInteger RAND = new BigInteger("31838803992704255588716800748284438047369588248489535212488229909862636233406");

    @Test
    void goLivepeersTicketHashesRecoversItsSenderMatchesAndWins() {
        TicketInspection i = TicketInspection.of(TICKET, SIG, RAND);
        assertThat(i.ticketHash()).isEqualTo(Bytes32.parse("0xd5104bbecf755deaa03acf83486f2414d749f5e9d98b9feb9a0ad3791413f7e4"));
        assertThat(i.signer()).contains(SENDER);
        assertThat(i.signerIsSender()).isTrue();
        assertThat(i.recipientRandMatches()).isTrue();
        assertThat(i.wins()).isTrue();
        assertThat(i.isValidWinningTicket()).isTrue();
    }

    @Test
    void aTamperedFaceValueChangesTheHashAndSoTheSigner() {
        Ticket tampered = new Ticket(TICKET.recipient(), TICKET.sender(), TICKET.faceValue().add(BigInteger.ONE),
                TICKET.winProb(), TICKET.senderNonce(), TICKET.recipientRandHash(), TICKET.creationRound(),
                TICKET.creationRoundBlockHash());
        TicketInspection i = TicketInspection.of(tampered, SIG, RAND);
        assertThat(i.signer()).isPresent().isNotEqualTo(java.util.Optional.of(SENDER));
        assertThat(i.signerIsSender()).isFalse();
        assertThat(i.recipientRandMatches()).isTrue();
        assertThat(i.isValidWinningTicket()).isFalse();
    }

    @Test
    void aWrongRecipientRandNeitherMatchesNorCountsForTheDraw() {
        TicketInspection i = TicketInspection.of(TICKET, SIG, RAND.add(BigInteger.ONE));
        assertThat(i.signerIsSender()).isTrue();
        assertThat(i.recipientRandMatches()).isFalse();
        assertThat(i.isValidWinningTicket()).isFalse();
    }

    @Test
    void aTicketWithWinProbZeroLosesAndASignatureThatRecoversNothingHasNoSigner() {
        Ticket losing = new Ticket(TICKET.recipient(), TICKET.sender(), TICKET.faceValue(), BigInteger.ZERO,
                TICKET.senderNonce(), TICKET.recipientRandHash(), TICKET.creationRound(), TICKET.creationRoundBlockHash());
        assertThat(TicketInspection.of(losing, SIG, RAND).wins()).isFalse();

        byte[] badV = SIG.clone();
        badV[64] = 1;
        TicketInspection i = TicketInspection.of(TICKET, badV, RAND);
        assertThat(i.signer()).isEmpty();
        assertThat(i.signerIsSender()).isFalse();
    }
}
