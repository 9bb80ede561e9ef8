// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import "./Interfaces.sol";

/**
 * @title TicketBroker (dev chain)
 * @notice Probabilistic micropayments with the interface, events and revert reasons of Livepeer's TicketBroker for
 * what the pool uses. Senders (broadcasters) fund a deposit and a reserve; recipients (orchestrators) redeem winning
 * tickets. A winning ticket is paid from the deposit first, then from the recipient's share of the sender's reserve
 * for the current round, so the amount transferred can be below faceValue, even 0, while the ticket is consumed.
 * The ETH paid goes to the BondingManager, which credits the recipient's fees.
 *
 * Where the redeemer meets it, it behaves as the deployed contracts do: the funding check of protocol PR #657
 * (an underfunded ticket reverts and stays redeemable), OpenZeppelin ECDSA 4.4.1's revert strings for malformed
 * signatures, checked reserve arithmetic (Panic 0x11 when a claim exceeds a shrunken allocation), a withdrawal that
 * keeps withdrawRound, and Livepeer's log order when funding.
 */
contract TicketBroker {
    struct Ticket {
        address recipient;
        address sender;
        uint256 faceValue;
        uint256 winProb;
        uint256 senderNonce;
        bytes32 recipientRandHash;
        bytes auxData; // creationRound (uint256) ++ creationRoundBlockHash (bytes32)
    }

    struct Sender {
        uint256 deposit;
        uint256 withdrawRound; // 0 when no unlock is in progress
    }

    struct ReserveInfo {
        uint256 fundsRemaining;
        uint256 claimedInCurrentRound;
    }

    struct Reserve {
        uint256 funds;
        mapping(uint256 => uint256) claimedForRound;
        mapping(uint256 => mapping(address => uint256)) claimedByAddress;
    }

    event DepositFunded(address indexed sender, uint256 amount);
    event ReserveFunded(address indexed reserveHolder, uint256 amount);
    event ReserveClaimed(address indexed reserveHolder, address claimant, uint256 amount);
    event WinningTicketRedeemed(
        address indexed sender,
        address indexed recipient,
        uint256 faceValue,
        uint256 winProb,
        uint256 senderNonce,
        uint256 recipientRand,
        bytes auxData
    );
    event WinningTicketTransfer(address indexed sender, address indexed recipient, uint256 amount);
    event Unlock(address indexed sender, uint256 startRound, uint256 endRound);
    event UnlockCancelled(address indexed sender);
    event Withdrawal(address indexed sender, uint256 deposit, uint256 reserve);

    // secp256k1n / 2: signatures with a larger s are malleable copies and are rejected
    uint256 private constant MAX_S = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    IRoundsManager public immutable roundsManager;
    IBondingManager public immutable bondingManager;
    uint256 public immutable ticketValidityPeriod;
    uint256 public immutable unlockPeriod;

    mapping(bytes32 => bool) public usedTickets;
    mapping(address => Sender) private senders;
    mapping(address => Reserve) private reserves;

    constructor(address _roundsManager, address _bondingManager, uint256 _ticketValidityPeriod, uint256 _unlockPeriod) {
        require(_ticketValidityPeriod > 0, "ticketValidityPeriod must be greater than 0");
        roundsManager = IRoundsManager(_roundsManager);
        bondingManager = IBondingManager(_bondingManager);
        ticketValidityPeriod = _ticketValidityPeriod;
        unlockPeriod = _unlockPeriod;
    }

    modifier currentRoundInitialized() {
        require(roundsManager.currentRoundInitialized(), "current round is not initialized");
        _;
    }

    // ---------------------------------------------------------------- funding, unlock, withdrawal

    // Log order as on Livepeer: a deposit cancels an unlock before DepositFunded, a reserve after ReserveFunded, and
    // fundDepositAndReserve emits ReserveFunded before DepositFunded.
    function fundDeposit() external payable {
        _addDeposit(msg.sender, msg.value);
        emit DepositFunded(msg.sender, msg.value);
    }

    function fundReserve() external payable {
        _addReserve(msg.sender, msg.value);
    }

    function fundDepositAndReserve(uint256 _depositAmount, uint256 _reserveAmount) external payable {
        fundDepositAndReserveFor(msg.sender, _depositAmount, _reserveAmount);
    }

    /// @notice Funds `_addr`'s deposit and reserve with the caller's ETH.
    function fundDepositAndReserveFor(address _addr, uint256 _depositAmount, uint256 _reserveAmount) public payable {
        require(
            msg.value == _depositAmount + _reserveAmount,
            "msg.value does not equal sum of deposit amount and reserve amount"
        );
        _addDeposit(_addr, _depositAmount);
        _addReserve(_addr, _reserveAmount);
        emit DepositFunded(_addr, _depositAmount);
    }

    /// @notice Starts the unlock period; deposit and reserve can be withdrawn once it is over.
    function unlock() external {
        Sender storage sender = senders[msg.sender];
        require(sender.deposit > 0 || reserves[msg.sender].funds > 0, "sender deposit and reserve are zero");
        require(sender.withdrawRound == 0, "unlock already initiated");
        uint256 round = roundsManager.currentRound();
        sender.withdrawRound = round + unlockPeriod;
        emit Unlock(msg.sender, round, sender.withdrawRound);
    }

    function cancelUnlock() external {
        Sender storage sender = senders[msg.sender];
        require(sender.withdrawRound > 0, "no unlock request in progress");
        _cancelUnlock(sender, msg.sender);
    }

    function withdraw() external {
        Sender storage sender = senders[msg.sender];
        uint256 deposit = sender.deposit;
        uint256 reserve = reserves[msg.sender].funds;
        require(deposit > 0 || reserve > 0, "sender deposit and reserve are zero");
        require(sender.withdrawRound > 0, "no unlock request in progress");
        require(sender.withdrawRound <= roundsManager.currentRound(), "account is locked");
        // withdrawRound is kept, as on Livepeer: the sender stays unlocked (its tickets fail "sender is unlocked")
        // until it funds again, which cancels the unlock (UnlockCancelled).
        sender.deposit = 0;
        reserves[msg.sender].funds = 0;
        emit Withdrawal(msg.sender, deposit, reserve);
        (bool sent, ) = payable(msg.sender).call{value: deposit + reserve}("");
        require(sent, "withdrawal transfer failed");
    }

    // ---------------------------------------------------------------- redemption

    function redeemWinningTicket(Ticket memory _ticket, bytes memory _sig, uint256 _recipientRand)
        public
        currentRoundInitialized
    {
        bytes32 ticketHash = getTicketHash(_ticket);
        uint256 creationRound = _requireValidWinningTicket(_ticket, ticketHash, _sig, _recipientRand);

        Sender storage sender = senders[_ticket.sender];
        require(!_isUnlocked(sender), "sender is unlocked");
        // Protocol PR #657: the funding check replaces "sender deposit and reserve are zero". The whole reserve counts
        // here, only the recipient's share of it in the payment (protocol issue #663), so a ticket that passes can
        // still transfer less than faceValue. A ticket that fails is not consumed and may be redeemed after a top-up.
        require(
            sender.deposit + reserves[_ticket.sender].funds >= _ticket.faceValue,
            "sender deposit and reserve insufficient to cover ticket face value"
        );

        usedTickets[ticketHash] = true;

        uint256 amount;
        if (_ticket.faceValue > sender.deposit) {
            uint256 fromDeposit = sender.deposit;
            sender.deposit = 0;
            amount = fromDeposit + _claimFromReserve(_ticket.sender, _ticket.recipient, _ticket.faceValue - fromDeposit);
        } else {
            sender.deposit -= _ticket.faceValue;
            amount = _ticket.faceValue;
        }

        if (amount > 0) {
            bondingManager.updateTranscoderWithFees{value: amount}(_ticket.recipient, amount, creationRound);
            emit WinningTicketTransfer(_ticket.sender, _ticket.recipient, amount);
        }

        emit WinningTicketRedeemed(
            _ticket.sender,
            _ticket.recipient,
            _ticket.faceValue,
            _ticket.winProb,
            _ticket.senderNonce,
            _recipientRand,
            _ticket.auxData
        );
    }

    /// @notice Redeems each ticket on its own: a ticket that fails is skipped, the others are still redeemed.
    function batchRedeemWinningTickets(Ticket[] memory _tickets, bytes[] memory _sigs, uint256[] memory _recipientRands)
        external
        currentRoundInitialized
    {
        require(
            _tickets.length == _sigs.length && _tickets.length == _recipientRands.length,
            "tickets, sigs and recipientRands must have the same length"
        );
        for (uint256 i = 0; i < _tickets.length; i++) {
            try this.redeemWinningTicket(_tickets[i], _sigs[i], _recipientRands[i]) {} catch {}
        }
    }

    // ---------------------------------------------------------------- views

    /// @notice keccak256 of the ticket fields packed in struct order (232 bytes with a 64-byte auxData).
    function getTicketHash(Ticket memory _ticket) public pure returns (bytes32) {
        return keccak256(
            abi.encodePacked(
                _ticket.recipient,
                _ticket.sender,
                _ticket.faceValue,
                _ticket.winProb,
                _ticket.senderNonce,
                _ticket.recipientRandHash,
                _ticket.auxData
            )
        );
    }

    function getSenderInfo(address _sender) external view returns (Sender memory sender, ReserveInfo memory reserve) {
        sender = senders[_sender];
        reserve = getReserveInfo(_sender);
    }

    function getReserveInfo(address _reserveHolder) public view returns (ReserveInfo memory info) {
        Reserve storage r = reserves[_reserveHolder];
        info = ReserveInfo(r.funds, r.claimedForRound[roundsManager.currentRound()]);
    }

    /**
     * @notice What `_claimant` may still claim from `_reserveHolder`'s reserve in the current round. Not clamped, as on
     * Livepeer: the pool size counts orchestrators that joined this round, so the allocation can shrink below what
     * was already claimed, and then this panics (0x11) and so does a redemption that claims from the reserve.
     */
    function claimableReserve(address _reserveHolder, address _claimant) public view returns (uint256) {
        if (!bondingManager.isActiveTranscoder(_claimant)) {
            return 0;
        }
        uint256 poolSize = bondingManager.getTranscoderPoolSize();
        if (poolSize == 0) {
            return 0;
        }
        Reserve storage r = reserves[_reserveHolder];
        uint256 round = roundsManager.currentRound();
        uint256 allocation = (r.funds + r.claimedForRound[round]) / poolSize;
        return allocation - r.claimedByAddress[round][_claimant];
    }

    /// @notice What `_claimant` has claimed from `_reserveHolder`'s reserve in the current round.
    function claimedReserve(address _reserveHolder, address _claimant) external view returns (uint256) {
        return reserves[_reserveHolder].claimedByAddress[roundsManager.currentRound()][_claimant];
    }

    function isUnlockInProgress(address _sender) external view returns (bool) {
        return senders[_sender].withdrawRound > 0;
    }

    // ---------------------------------------------------------------- internals

    /// @dev The caller emits DepositFunded, after whatever else the funding emits.
    function _addDeposit(address _sender, uint256 _amount) private {
        Sender storage sender = senders[_sender];
        sender.deposit += _amount;
        if (sender.withdrawRound > 0) {
            _cancelUnlock(sender, _sender);
        }
    }

    function _addReserve(address _sender, uint256 _amount) private {
        Sender storage sender = senders[_sender];
        reserves[_sender].funds += _amount;
        emit ReserveFunded(_sender, _amount);
        if (sender.withdrawRound > 0) {
            _cancelUnlock(sender, _sender);
        }
    }

    function _cancelUnlock(Sender storage _sender, address _senderAddress) private {
        _sender.withdrawRound = 0;
        emit UnlockCancelled(_senderAddress);
    }

    function _isUnlocked(Sender storage _sender) private view returns (bool) {
        return _sender.withdrawRound > 0 && _sender.withdrawRound <= roundsManager.currentRound();
    }

    function _claimFromReserve(address _reserveHolder, address _claimant, uint256 _amount) private returns (uint256) {
        uint256 claimable = claimableReserve(_reserveHolder, _claimant);
        if (claimable == 0) {
            return 0;
        }
        uint256 claim = _amount < claimable ? _amount : claimable;
        Reserve storage r = reserves[_reserveHolder];
        uint256 round = roundsManager.currentRound();
        r.funds -= claim;
        r.claimedForRound[round] += claim;
        r.claimedByAddress[round][_claimant] += claim;
        emit ReserveClaimed(_reserveHolder, _claimant, claim);
        return claim;
    }

    /// @return creationRound the ticket's creation round, from its auxData
    function _requireValidWinningTicket(Ticket memory _ticket, bytes32 _ticketHash, bytes memory _sig, uint256 _rand)
        private
        view
        returns (uint256 creationRound)
    {
        require(_ticket.recipient != address(0), "ticket recipient is null address");
        require(_ticket.sender != address(0), "ticket sender is null address");
        creationRound = _requireValidAuxData(_ticket.auxData);
        require(keccak256(abi.encodePacked(_rand)) == _ticket.recipientRandHash, "recipientRand does not match recipientRandHash");
        require(!usedTickets[_ticketHash], "ticket is used");
        require(_recoverEthSigned(_ticketHash, _sig) == _ticket.sender, "invalid signature over ticket hash");
        require(uint256(keccak256(abi.encodePacked(_sig, _rand))) < _ticket.winProb, "ticket did not win");
    }

    function _requireValidAuxData(bytes memory _auxData) private view returns (uint256 creationRound) {
        require(_auxData.length == 64, "invalid length for ticket auxData: must be 64 bytes");
        bytes32 creationRoundBlockHash;
        assembly {
            creationRound := mload(add(_auxData, 32))
            creationRoundBlockHash := mload(add(_auxData, 64))
        }
        bytes32 blockHash = roundsManager.blockHashForRound(creationRound);
        require(blockHash != bytes32(0), "ticket creationRound does not have a block hash");
        require(creationRoundBlockHash == blockHash, "ticket creationRoundBlockHash invalid for creationRound");
        require(creationRound + ticketValidityPeriod > roundsManager.currentRound(), "ticket is expired");
    }

    /**
     * @return the signer of the EIP-191 prefixed `_hash`. Reverts as Livepeer's TicketBroker does: its own length check
     * ("INVALID_SIGNATURE_LENGTH"), then OpenZeppelin ECDSA 4.4.1's checks of s (malleable copies), v and the
     * recovered address; so "ECDSA: invalid signature length" is never reached through a 65-byte check.
     */
    function _recoverEthSigned(bytes32 _hash, bytes memory _sig) private pure returns (address) {
        require(_sig.length == 65, "INVALID_SIGNATURE_LENGTH");
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly {
            r := mload(add(_sig, 32))
            s := mload(add(_sig, 64))
            v := byte(0, mload(add(_sig, 96)))
        }
        require(uint256(s) <= MAX_S, "ECDSA: invalid signature 's' value");
        require(v == 27 || v == 28, "ECDSA: invalid signature 'v' value");
        bytes32 digest = keccak256(abi.encodePacked("\x19Ethereum Signed Message:\n32", _hash));
        address signer = ecrecover(digest, v, r, s);
        require(signer != address(0), "ECDSA: invalid signature");
        return signer;
    }
}
