package io.livepeerpool.chain.contracts;

import io.livepeerpool.protocol.ticket.Ticket;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/** The TicketBroker's Ticket tuple {@code (address,address,uint256,uint256,uint256,bytes32,bytes)} as a web3j value. */
public final class TicketAbi {
    /** Canonical ABI type of the tuple. */
    public static final String TUPLE = "(address,address,uint256,uint256,uint256,bytes32,bytes)";

    private TicketAbi() {
    }

    public static DynamicStruct struct(Ticket t) {
        return new DynamicStruct(
                new Address(t.recipient().hex()),
                new Address(t.sender().hex()),
                new Uint256(t.faceValue()),
                new Uint256(t.winProb()),
                new Uint256(t.senderNonce()),
                new Bytes32(t.recipientRandHash().bytes()),
                new DynamicBytes(t.auxData()));
    }
}
