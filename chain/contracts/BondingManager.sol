// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import "./Interfaces.sol";

/**
 * @title BondingManager (dev chain)
 * @notice The part of Livepeer's BondingManager the pool touches, without stake or LPT: orchestrators register with a
 * rewardCut and feeShare (parts per million; feeShare is the delegators' share of fees), join the transcoder pool and
 * are active from the next round, and the TicketBroker credits redeemed ticket value here.
 *
 * As on Livepeer, the pool (getTranscoderPoolSize) changes at once when an orchestrator joins or resigns, while
 * isActiveTranscoder changes at the next round (activationRound / deactivationRound = current round + 1). Dev only:
 * orchestrators that register in the round this contract was deployed in form the genesis set and are active at once,
 * so that a fresh deployment's orchestrator can be paid from reserves without waiting a round. Fees are split on arrival:
 * floor(fees * feeShare / 1e6) is kept aside for delegators, the rest is the orchestrator's and is paid out in ETH
 * by `withdrawFees`. This contract holds the ETH of all credited fees.
 */
contract BondingManager is IBondingManager {
    uint256 public constant PERC_DIVISOR = 1000000;

    event TranscoderUpdate(address indexed transcoder, uint256 rewardCut, uint256 feeShare);
    event TranscoderActivated(address indexed transcoder, uint256 activationRound);
    event TranscoderDeactivated(address indexed transcoder, uint256 deactivationRound);
    event Reward(address indexed transcoder, uint256 amount);
    event WithdrawFees(address indexed delegator, address recipient, uint256 amount);

    struct Transcoder {
        bool inPool;
        uint256 activationRound;
        uint256 deactivationRound; // 0: not scheduled
        uint256 rewardCut;
        uint256 feeShare;
    }

    address public immutable owner;
    IRoundsManager public immutable roundsManager;
    uint256 public immutable genesisRound;
    address public ticketBroker;

    mapping(address => Transcoder) private transcoders;
    uint256 private poolSize;

    /// @notice ETH withdrawable by an orchestrator (its part of the fees).
    mapping(address => uint256) private fees;
    /// @notice The delegators' part of the fees earned by an orchestrator, kept aside (not withdrawable here).
    mapping(address => uint256) public delegatorsFees;

    constructor(address _roundsManager) {
        owner = msg.sender;
        roundsManager = IRoundsManager(_roundsManager);
        genesisRound = IRoundsManager(_roundsManager).currentRound();
    }

    /// @notice Wires the TicketBroker, once; only it may credit fees.
    function setTicketBroker(address _ticketBroker) external {
        require(msg.sender == owner, "caller must be owner");
        require(ticketBroker == address(0), "ticket broker already set");
        require(_ticketBroker != address(0), "invalid ticket broker");
        ticketBroker = _ticketBroker;
    }

    /**
     * @notice Registers the caller as an orchestrator, or updates its rewardCut and feeShare. A new one joins the pool
     * now and is active from the next round (from now in the genesis round).
     */
    function transcoder(uint256 _rewardCut, uint256 _feeShare) external {
        require(_rewardCut <= PERC_DIVISOR, "invalid rewardCut percentage");
        require(_feeShare <= PERC_DIVISOR, "invalid feeShare percentage");
        Transcoder storage t = transcoders[msg.sender];
        t.rewardCut = _rewardCut;
        t.feeShare = _feeShare;
        if (!t.inPool) {
            uint256 round = roundsManager.currentRound();
            t.inPool = true;
            t.activationRound = round == genesisRound ? round : round + 1;
            t.deactivationRound = 0;
            poolSize += 1;
            emit TranscoderActivated(msg.sender, t.activationRound);
        }
        emit TranscoderUpdate(msg.sender, _rewardCut, _feeShare);
    }

    /**
     * @notice Dev stand-in for Livepeer's resignation (unbonding all stake): the caller leaves the pool now and stays
     * active until the end of the current round.
     */
    function resignTranscoder() external {
        Transcoder storage t = transcoders[msg.sender];
        require(t.inPool, "caller must be a registered transcoder");
        t.inPool = false;
        t.deactivationRound = roundsManager.currentRound() + 1;
        poolSize -= 1;
        emit TranscoderDeactivated(msg.sender, t.deactivationRound);
    }

    /// @notice Emits Reward for the calling orchestrator. There is no LPT on the dev chain: the amount is always 0.
    function reward() external {
        require(isActiveTranscoder(msg.sender), "caller must be an active transcoder");
        emit Reward(msg.sender, 0);
    }

    /// @notice Called by the TicketBroker with the ETH of a redeemed ticket.
    function updateTranscoderWithFees(address _transcoder, uint256 _fees, uint256) external payable {
        require(msg.sender == ticketBroker, "caller must be TicketBroker");
        require(msg.value == _fees, "fees must equal the ETH sent");
        uint256 delegatorsPart = (_fees * transcoders[_transcoder].feeShare) / PERC_DIVISOR;
        delegatorsFees[_transcoder] += delegatorsPart;
        fees[_transcoder] += _fees - delegatorsPart;
    }

    /// @notice Sends `_amount` of the caller's fees to `_recipient`.
    function withdrawFees(address payable _recipient, uint256 _amount) external {
        require(roundsManager.currentRoundInitialized(), "current round is not initialized");
        require(_recipient != address(0), "invalid recipient");
        uint256 available = fees[msg.sender];
        require(available >= _amount, "insufficient fees to withdraw");
        fees[msg.sender] = available - _amount;
        emit WithdrawFees(msg.sender, _recipient, _amount);
        (bool sent, ) = _recipient.call{value: _amount}("");
        require(sent, "fee transfer failed");
    }

    /// @notice Fees the delegator (orchestrator) may withdraw. Fees are credited at once, so `_endRound` is unused.
    function pendingFees(address _delegator, uint256) external view returns (uint256) {
        return fees[_delegator];
    }

    /// @notice Active from activationRound until before deactivationRound, as on Livepeer.
    function isActiveTranscoder(address _transcoder) public view returns (bool) {
        Transcoder storage t = transcoders[_transcoder];
        if (!t.inPool && t.deactivationRound == 0) {
            return false;
        }
        uint256 round = roundsManager.currentRound();
        return t.activationRound <= round && (t.deactivationRound == 0 || round < t.deactivationRound);
    }

    /// @notice Orchestrators in the pool now, including those active only from the next round (Livepeer's pool size).
    function getTranscoderPoolSize() external view returns (uint256) {
        return poolSize;
    }

}
