package io.livepeerpool.chain.dev;

import io.livepeerpool.chain.abi.Abi;
import io.livepeerpool.chain.contracts.BondingManagerClient;
import io.livepeerpool.chain.contracts.ContractArtifact;
import io.livepeerpool.chain.contracts.TicketBrokerClient;
import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;

/**
 * Deploys the three dev contracts from this jar's compiled artifacts and wires them: the deployer deploys
 * RoundsManager(roundLength) (which initializes the current round), BondingManager(roundsManager) and
 * TicketBroker(roundsManager, bondingManager, ticketValidityPeriod, unlockPeriod), then lets the broker credit fees;
 * the orchestrator registers with its rewardCut and feeShare; the broadcaster funds its deposit and reserve; last,
 * PoolPayouts(payer = the "payout" account).
 */
public final class ContractDeployer {
    private static final BigInteger DEPLOY_GAS = BigInteger.valueOf(5_000_000);

    private final Web3j web3j;
    private final long chainId;

    public ContractDeployer(Web3j web3j, long chainId) {
        this.web3j = web3j;
        this.chainId = chainId;
    }

    public ContractDeployer(DevChain chain) {
        this(chain.web3j(), chain.chainId());
    }

    public DevContracts deploy(DevAccounts accounts, DeployOptions options) {
        ChainReader reader = new ChainReader(web3j);
        Transactor deployer = new Transactor(web3j, accounts.deployer().credentials(), chainId);
        BigInteger deployBlock = reader.blockNumber();

        Address rounds = deployer.deploy(Abi.deployData(ContractArtifact.load(ContractArtifact.ROUNDS_MANAGER).bytecode(),
                new Uint256(options.roundLength())), DEPLOY_GAS, ContractArtifact.ROUNDS_MANAGER);
        Address bonding = deployer.deploy(Abi.deployData(ContractArtifact.load(ContractArtifact.BONDING_MANAGER).bytecode(),
                web3(rounds)), DEPLOY_GAS, ContractArtifact.BONDING_MANAGER);
        Address broker = deployer.deploy(Abi.deployData(ContractArtifact.load(ContractArtifact.TICKET_BROKER).bytecode(),
                web3(rounds), web3(bonding), new Uint256(options.ticketValidityPeriod()), new Uint256(options.unlockPeriod())),
                DEPLOY_GAS, ContractArtifact.TICKET_BROKER);

        BondingManagerClient bondingManager = new BondingManagerClient(reader, bonding);
        bondingManager.setTicketBroker(deployer, broker).requireSuccess("setTicketBroker");
        Transactor orchestrator = new Transactor(web3j, accounts.orchestrator().credentials(), chainId);
        bondingManager.registerTranscoder(orchestrator, options.rewardCutPpm(), options.feeSharePpm())
                .requireSuccess("orchestrator registration");

        if (options.broadcasterDeposit().signum() > 0 || options.broadcasterReserve().signum() > 0) {
            Transactor broadcaster = new Transactor(web3j, accounts.broadcaster().credentials(), chainId);
            new TicketBrokerClient(reader, broker)
                    .fundDepositAndReserve(broadcaster, options.broadcasterDeposit(), options.broadcasterReserve())
                    .requireSuccess("broadcaster funding");
        }
        Address payouts = PoolPayoutsClient.deploy(deployer, accounts.payout().address());
        return new DevContracts(rounds, bonding, broker, deployBlock, options, payouts);
    }

    private static org.web3j.abi.datatypes.Address web3(Address address) {
        return new org.web3j.abi.datatypes.Address(address.hex());
    }
}
