package io.livepeerpool.redeemer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.chain.dev.DeployOptions;
import io.livepeerpool.chain.dev.DevAccount;
import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.chain.ticket.TicketMaker;
import io.livepeerpool.devstack.FlakyRpcProxy;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.redeemer.RedeemerService;
import io.livepeerpool.redeemer.worker.CrashPoint;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** RPC flaps during redemptions, and two redeemer instances sharing many senders. */
class RedeemerFaultsTest {
    private static final BigInteger ETH = DeployOptions.ETHER;
    private static final BigInteger FACE = BigInteger.TEN.pow(15);
    private static final Duration WAIT = Duration.ofSeconds(300);

    @Test
    void rpcFlapsNeitherLoseNorDoubleARedemption() throws Exception {
        DevNetwork net = TestChain.deploy(DeployOptions.defaults());
        try (RedeemerFixture f = new RedeemerFixture(net, "flaky");
             FlakyRpcProxy proxy = new FlakyRpcProxy(net.chain().rpcUrl(), 7, 0.2, Duration.ofMillis(1_500))) {
            List<TicketMaker> senders = funded(net, 3);
            List<SignedTicket> tickets = tickets(net, senders, 3);
            Map<String, Long> before = nonces(net, List.of(net.accounts().redeemer().address()));
            tickets.forEach(f::post);

            RedeemerService redeemer = f.start(net.accounts().redeemer().credentials(), Map.of(
                    "chain.rpcUrl", proxy.url(), "chain.rpcTimeoutMs", "1000", "redeemer.batch.maxTickets", "2"),
                    CrashPoint.NONE);
            RedeemerFixture.await("every outcome", WAIT, () -> f.outcomes().size() >= tickets.size());
            Thread.sleep(2_000);
            redeemer.close();

            assertThat(proxy.injectedTotal()).as("failures injected").isPositive();
            assertThat(redeemer.metrics().rpcErrorCount()).as("failures seen").isPositive();
            Checks.eachRedeemedExactlyOnce(net, tickets, f.outcomes(), f.intents());
            Checks.noNonceOutsideTheJournal(net, before, f.intents());
        }
    }

    @Test
    void twoInstancesRedeemEachTicketOnceWithoutSharingANonce() throws Exception {
        DevNetwork net = TestChain.deploy(DeployOptions.defaults());
        try (RedeemerFixture f = new RedeemerFixture(net, "scale")) {
            List<TicketMaker> senders = funded(net, 6);
            DevAccount second = net.accounts().spare(9);
            Map<String, Long> before = nonces(net, List.of(net.accounts().redeemer().address(), second.address()));
            List<SignedTicket> first = tickets(net, senders, 2);
            first.forEach(f::post);

            Map<String, String> batch = Map.of("redeemer.batch.maxTickets", "3");
            RedeemerService a = f.start(net.accounts().redeemer().credentials(), batch, CrashPoint.NONE);
            RedeemerService b = f.start(second.credentials(), batch, CrashPoint.NONE);
            RedeemerFixture.await("the first tickets' outcomes", WAIT, () -> f.outcomes().size() >= first.size());

            // one instance leaves: its senders move to the other, which redeems what comes next
            a.close();
            List<SignedTicket> later = tickets(net, senders, 1);
            later.forEach(f::post);
            List<SignedTicket> all = new ArrayList<>(first);
            all.addAll(later);
            RedeemerFixture.await("every outcome", WAIT, () -> f.outcomes().size() >= all.size());
            Thread.sleep(2_000);
            b.close();

            Checks.eachRedeemedExactlyOnce(net, all, f.outcomes(), f.intents());
            Checks.noNonceOutsideTheJournal(net, before, f.intents());
            assertThat(f.outcomes().stream().map(o -> o.getTxTickets()).max(Integer::compare).orElseThrow())
                    .as("some transaction carried several tickets").isGreaterThan(1);
        }
    }

    /** The dev broadcaster plus {@code extra - 1} spare accounts, each with a deposit. */
    static List<TicketMaker> funded(DevNetwork net, int count) {
        List<TicketMaker> makers = new ArrayList<>(List.of(net.ticketMaker()));
        for (int i = 1; i < count; i++) {
            DevAccount sender = net.accounts().spare(i);
            net.ticketBroker().fundDeposit(net.chain().transactor(sender), ETH).requireSuccess("fund " + sender);
            makers.add(new TicketMaker(net.roundsManager(), sender.credentials()));
        }
        return makers;
    }

    static List<SignedTicket> tickets(DevNetwork net, List<TicketMaker> senders, int perSender) {
        Address orch = net.accounts().orchestrator().address();
        List<SignedTicket> out = new ArrayList<>();
        for (int i = 0; i < perSender; i++) {
            for (TicketMaker m : senders) {
                out.add(m.make(orch, FACE, TicketMaker.ALWAYS_WINS));
            }
        }
        return out;
    }

    static Map<String, Long> nonces(DevNetwork net, List<Address> wallets) throws Exception {
        Map<String, Long> out = new HashMap<>();
        for (Address w : wallets) {
            out.put(w.hex(), net.chain().web3j().ethGetTransactionCount(w.hex(), DefaultBlockParameterName.LATEST)
                    .send().getTransactionCount().longValueExact());
        }
        return out;
    }
}
