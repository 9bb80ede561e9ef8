package io.livepeerpool.chain.payouts;

import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.abi.Words;
import io.livepeerpool.chain.contracts.ContractArtifact;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Calls to the pool's own {@code PoolPayouts} contract (chain/contracts/PoolPayouts.sol): the calldata of
 * {@code pay}, its views ({@code paid}, {@code refused}, {@code payer}) and its logs read back from a receipt.
 */
public final class PoolPayoutsClient {
    public static final String PAY = "pay(bytes32[],address[],uint256[])";
    public static final String PAID = "paid(bytes32)";
    public static final String REFUSED = "refused(bytes32)";
    public static final String PAYER = "payer()";
    public static final String SET_PAYER = "setPayer(address)";

    public static final String PAYOUT_PAID = "PayoutPaid(bytes32,address,uint256)";
    public static final String PAYOUT_REFUSED = "PayoutRefused(bytes32,address,uint256)";
    public static final String PAYOUT_SKIPPED = "PayoutSkipped(bytes32)";

    private static final String PAID_TOPIC = Abi.topic(PAYOUT_PAID);
    private static final String REFUSED_TOPIC = Abi.topic(PAYOUT_REFUSED);
    private static final String SKIPPED_TOPIC = Abi.topic(PAYOUT_SKIPPED);
    private static final BigInteger DEPLOY_GAS = BigInteger.valueOf(2_000_000);

    private final ChainReader reader;
    private final Address address;

    public PoolPayoutsClient(ChainReader reader, Address address) {
        this.reader = reader;
        this.address = address;
    }

    public Address address() {
        return address;
    }

    /** Deploys PoolPayouts with {@code payer} as the only account allowed to pay. */
    public static Address deploy(Transactor deployer, Address payer) {
        return deployer.deploy(Abi.deployData(ContractArtifact.load(ContractArtifact.POOL_PAYOUTS).bytecode(),
                web3(payer)), DEPLOY_GAS, ContractArtifact.POOL_PAYOUTS);
    }

    /** The bytes32 id the contract keys a payout by: keccak256 of the UTF-8 payout id (the ledger's idempotency key). */
    public static Bytes32 onChainId(String payoutId) {
        return new Bytes32(Hash.sha3(payoutId.getBytes(StandardCharsets.UTF_8)));
    }

    /** Calldata of {@code pay(ids, payees, amounts)} in the order of {@code lines}, for a transaction signed elsewhere. */
    public static String payCalldata(List<PayoutLine> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a payout batch needs at least one line");
        }
        List<org.web3j.abi.datatypes.generated.Bytes32> ids = lines.stream()
                .map(l -> new org.web3j.abi.datatypes.generated.Bytes32(l.id().bytes())).toList();
        List<org.web3j.abi.datatypes.Address> payees = lines.stream().map(l -> web3(l.payee())).toList();
        List<Uint256> amounts = lines.stream().map(l -> new Uint256(l.amount())).toList();
        return Abi.call(PAY,
                new DynamicArray<>(org.web3j.abi.datatypes.generated.Bytes32.class, ids),
                new DynamicArray<>(org.web3j.abi.datatypes.Address.class, payees),
                new DynamicArray<>(Uint256.class, amounts));
    }

    /** The value a {@code pay} of {@code lines} must carry: the sum of the amounts (what is not paid comes back). */
    public static BigInteger value(List<PayoutLine> lines) {
        return lines.stream().map(PayoutLine::amount).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** Pays {@code lines} from {@code payer} and waits for the receipt (tests and benchmarks; the worker signs itself). */
    public TxResult pay(Transactor payer, List<PayoutLine> lines, BigInteger gasLimit) {
        return payer.send(address, payCalldata(lines), value(lines), gasLimit);
    }

    /** eth_estimateGas of a {@code pay} from {@code payer}; throws ChainCallException with the reason if it would revert. */
    public BigInteger estimatePayGas(Address payer, List<PayoutLine> lines) {
        return reader.estimateGas(payer, address, payCalldata(lines), value(lines));
    }

    public boolean paid(Bytes32 id) {
        return Words.of(reader.call(address, Abi.call(PAID, bytes32(id)))).bool(0);
    }

    /** {@link #paid(Bytes32)} at the end of {@code block}. */
    public boolean paid(Bytes32 id, BigInteger block) {
        return Words.of(reader.callAt(address, Abi.call(PAID, bytes32(id)), block)).bool(0);
    }

    public boolean refused(Bytes32 id) {
        return Words.of(reader.call(address, Abi.call(REFUSED, bytes32(id)))).bool(0);
    }

    public Address payer() {
        return Words.of(reader.call(address, Abi.call(PAYER))).address(0);
    }

    /** Sets a new payer; only the current payer may. */
    public TxResult setPayer(Transactor currentPayer, Address newPayer) {
        return currentPayer.send(address, Abi.call(SET_PAYER, web3(newPayer)), BigInteger.ZERO, BigInteger.valueOf(100_000));
    }

    /** This contract's PayoutPaid, PayoutRefused and PayoutSkipped logs of a mined transaction, in log order. */
    public List<PayoutLog> logs(TxResult tx) {
        List<PayoutLog> out = new ArrayList<>();
        for (Log log : tx.logs()) {
            if (log.getAddress() == null || !log.getAddress().equalsIgnoreCase(address.hex()) || log.getTopics().isEmpty()) {
                continue;
            }
            String topic = log.getTopics().get(0);
            int index = log.getLogIndex() == null ? -1 : log.getLogIndex().intValueExact();
            if (topic.equalsIgnoreCase(PAID_TOPIC)) {
                out.add(new PayoutLog.Paid(id(log), Words.topicAddress(log.getTopics().get(2)),
                        Words.of(log.getData()).uint(0), index));
            } else if (topic.equalsIgnoreCase(REFUSED_TOPIC)) {
                out.add(new PayoutLog.Refused(id(log), Words.topicAddress(log.getTopics().get(2)),
                        Words.of(log.getData()).uint(0), index));
            } else if (topic.equalsIgnoreCase(SKIPPED_TOPIC)) {
                out.add(new PayoutLog.Skipped(id(log), index));
            }
        }
        return out;
    }

    private static Bytes32 id(Log log) {
        return Bytes32.parse(log.getTopics().get(1).toLowerCase(java.util.Locale.ROOT));
    }

    private static org.web3j.abi.datatypes.generated.Bytes32 bytes32(Bytes32 id) {
        return new org.web3j.abi.datatypes.generated.Bytes32(id.bytes());
    }

    private static org.web3j.abi.datatypes.Address web3(Address a) {
        return new org.web3j.abi.datatypes.Address(a.hex());
    }
}
