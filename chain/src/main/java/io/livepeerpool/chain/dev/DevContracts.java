package io.livepeerpool.chain.dev;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;

/**
 * Addresses of a dev deployment, the block it started at and the options it was made with; {@code poolPayouts} is the
 * pool's own payout contract, whose payer is the dev "payout" account.
 */
public record DevContracts(Address roundsManager, Address bondingManager, Address ticketBroker,
                           BigInteger deployBlock, DeployOptions options, Address poolPayouts) {
}
