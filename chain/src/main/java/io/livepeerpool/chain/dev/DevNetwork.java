package io.livepeerpool.chain.dev;

import io.livepeerpool.chain.contracts.BondingManagerClient;
import io.livepeerpool.chain.contracts.RoundsManagerClient;
import io.livepeerpool.chain.contracts.TicketBrokerClient;
import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.chain.ticket.TicketMaker;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chain.tx.Transactor;

/**
 * A dev chain with deployed contracts, and the clients wired to them: what a devstack or a test needs in one object.
 * Transactors are made once per role so that their nonces do not race within this JVM.
 */
public final class DevNetwork {
    private final DevChain chain;
    private final DevContracts contracts;
    private final ChainReader reader;
    private final TicketBrokerClient ticketBroker;
    private final RoundsManagerClient roundsManager;
    private final BondingManagerClient bondingManager;
    private final PoolPayoutsClient poolPayouts;
    private final Transactor deployer;
    private final Transactor orchestrator;
    private final Transactor broadcaster;
    private final Transactor redeemer;
    private final TicketMaker ticketMaker;

    private DevNetwork(DevChain chain, DevContracts contracts) {
        this.chain = chain;
        this.contracts = contracts;
        this.reader = chain.reader();
        this.ticketBroker = new TicketBrokerClient(reader, contracts.ticketBroker());
        this.roundsManager = new RoundsManagerClient(reader, contracts.roundsManager());
        this.bondingManager = new BondingManagerClient(reader, contracts.bondingManager());
        this.poolPayouts = new PoolPayoutsClient(reader, contracts.poolPayouts());
        DevAccounts accounts = chain.accounts();
        this.deployer = chain.transactor(accounts.deployer());
        this.orchestrator = chain.transactor(accounts.orchestrator());
        this.broadcaster = chain.transactor(accounts.broadcaster());
        this.redeemer = chain.transactor(accounts.redeemer());
        this.ticketMaker = new TicketMaker(roundsManager, accounts.broadcaster().credentials());
    }

    /** Deploys a fresh set of contracts on {@code chain} (see {@link ContractDeployer}). */
    public static DevNetwork deploy(DevChain chain, DeployOptions options) {
        return new DevNetwork(chain, new ContractDeployer(chain).deploy(chain.accounts(), options));
    }

    /**
     * For a chain kept across restarts: the contracts recorded in {@code contractsFile} when the chain was restored
     * from its state (not deployed again), else a fresh deployment recorded there (see {@link ContractsFile}).
     */
    public static DevNetwork openOrDeploy(DevChain chain, java.nio.file.Path contractsFile, DeployOptions options) {
        return new DevNetwork(chain, new ContractsFile(contractsFile).openOrDeploy(chain, options));
    }

    /** Wraps contracts deployed earlier on {@code chain}. */
    public static DevNetwork attach(DevChain chain, DevContracts contracts) {
        return new DevNetwork(chain, contracts);
    }

    public DevChain chain() {
        return chain;
    }

    public DevContracts contracts() {
        return contracts;
    }

    public DevAccounts accounts() {
        return chain.accounts();
    }

    public ChainReader reader() {
        return reader;
    }

    public TicketBrokerClient ticketBroker() {
        return ticketBroker;
    }

    public RoundsManagerClient roundsManager() {
        return roundsManager;
    }

    public BondingManagerClient bondingManager() {
        return bondingManager;
    }

    public PoolPayoutsClient poolPayouts() {
        return poolPayouts;
    }

    public Transactor deployer() {
        return deployer;
    }

    public Transactor orchestrator() {
        return orchestrator;
    }

    public Transactor broadcaster() {
        return broadcaster;
    }

    public Transactor redeemer() {
        return redeemer;
    }

    /** Tickets from the dev broadcaster (one maker, so sender nonces keep increasing). */
    public TicketMaker ticketMaker() {
        return ticketMaker;
    }

    /** Rounds advanced by the deployer account. */
    public RoundAdvancer roundAdvancer() {
        return new RoundAdvancer(chain.anvil(), reader, roundsManager, deployer);
    }
}
