// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title PoolPayouts
 * @notice Pays many pool members in one transaction, and pays each payout id at most once, ever: the chain itself
 * refuses a second payment of the same id, whatever the payout worker believes after a crash or an RPC timeout.
 *
 * A payee that refuses ETH (a contract whose receive reverts, or that needs more than PAYEE_GAS) does not stop the
 * batch: its payment is recorded as refused (PayoutRefused) and the rest goes through. A refused id is settled too,
 * so it can never be paid later: the pool's ledger credits a refused amount back to the member's balance on this
 * proof, and a later payment of the same id would then pay twice. Whatever was not paid (refused, already settled)
 * goes back to the sender in the same transaction.
 *
 * Only the payer may pay: otherwise anyone could settle the pool's pending ids first (with 1 wei to themselves) and
 * make the real payments skip.
 */
contract PoolPayouts {
    /// Gas forwarded to each payee. Enough for smart-contract wallets that log on receive (a Safe needs ~3k-10k),
    /// bounded so one payee cannot spend the whole batch's gas. EOAs use none of it.
    uint256 public constant PAYEE_GAS = 50000;
    /// Gas that must be left before each payee call: the call's own cost (cold account 2,600, value 9,000, new
    /// account 25,000) plus PAYEE_GAS after the 63/64 rule, and a margin for the rest of the loop. Without it a
    /// transaction sent with too little gas (eth_estimateGas searches for the lowest limit that does not revert) would
    /// forward less than PAYEE_GAS, make a willing contract payee fail, and record it as refused for ever.
    uint256 public constant GAS_PER_CALL_MIN = 100000;

    uint8 private constant NONE = 0;
    uint8 private constant PAID = 1;
    uint8 private constant REFUSED = 2;

    address public payer;
    mapping(bytes32 => uint8) private outcome;

    event PayoutPaid(bytes32 indexed payoutId, address indexed payee, uint256 amount);
    event PayoutRefused(bytes32 indexed payoutId, address indexed payee, uint256 amount);
    /// An id already settled (paid or refused) by an earlier transaction: nothing sent, the amount went back.
    event PayoutSkipped(bytes32 indexed payoutId);
    event PayerChanged(address indexed previousPayer, address indexed newPayer);

    constructor(address _payer) {
        require(_payer != address(0), "invalid payer");
        payer = _payer;
        emit PayerChanged(address(0), _payer);
    }

    /// True once the id was paid. False for an unknown or a refused id.
    function paid(bytes32 _payoutId) external view returns (bool) {
        return outcome[_payoutId] == PAID;
    }

    /// True once the id was refused by its payee (it can never be paid after that).
    function refused(bytes32 _payoutId) external view returns (bool) {
        return outcome[_payoutId] == REFUSED;
    }

    function setPayer(address _payer) external {
        require(msg.sender == payer, "not the payer");
        require(_payer != address(0), "invalid payer");
        emit PayerChanged(payer, _payer);
        payer = _payer;
    }

    function pay(bytes32[] calldata _payoutIds, address[] calldata _payees, uint256[] calldata _amounts)
        external
        payable
    {
        require(msg.sender == payer, "not the payer");
        uint256 n = _payoutIds.length;
        require(_payees.length == n && _amounts.length == n, "length mismatch");
        uint256 budget = msg.value;
        uint256 sent = 0;
        for (uint256 i = 0; i < n; i++) {
            bytes32 id = _payoutIds[i];
            uint256 amount = _amounts[i];
            require(budget - sent >= amount, "value below amounts");
            if (outcome[id] != NONE) {
                emit PayoutSkipped(id);
                continue;
            }
            require(gasleft() >= GAS_PER_CALL_MIN, "gas too low");
            address payee = _payees[i];
            bool ok;
            // No return data is copied: a payee cannot make the batch pay for a large return.
            assembly {
                ok := call(PAYEE_GAS, payee, amount, 0, 0, 0, 0)
            }
            if (ok) {
                outcome[id] = PAID;
                sent += amount;
                emit PayoutPaid(id, payee, amount);
            } else {
                outcome[id] = REFUSED;
                emit PayoutRefused(id, payee, amount);
            }
        }
        uint256 rest = budget - sent;
        if (rest > 0) {
            (bool back, ) = payable(msg.sender).call{value: rest}("");
            require(back, "refund failed");
        }
    }
}
