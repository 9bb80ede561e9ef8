package io.livepeerpool.chain.contracts;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;

/** A {@code WinningTicketTransfer(sender, recipient, amount)} log: what a redemption actually paid. */
public record WinningTicketTransfer(Address sender, Address recipient, BigInteger amount) {
}
