// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title PoolPayoutsBitmap (a measured proposal, not deployed)
 * @notice PoolPayouts with the same ABI, events and guarantees, but each id's "settled" mark is one bit of a word
 * shared by 256 ids (bit id & 0xff of word id >> 8) instead of a storage slot of its own. With structured ids, where
 * one batch's ids are consecutive (e.g. round << 32 | index of the payout in that round's settlement), a batch of 100
 * writes one or two fresh words (22,100 gas each) instead of 100 fresh slots: about 200 gas per id instead of 22,100.
 * With unstructured ids (keccak256 of the payout id, as PoolPayouts uses today) every id has a word of its own and it
 * costs what PoolPayouts costs.
 *
 * Unchanged: only the payer pays (nobody can settle the pool's ids first); a set bit is never cleared, so an id is
 * paid at most once, ever; a refused id is settled too (and recorded in refusedIds, written only on that rare path);
 * whatever is not paid goes back to the sender. The bit is set before the payee is called (checks-effects-
 * interactions), so even a re-entrant read sees the id settled.
 */
contract PoolPayoutsBitmap {
    uint256 public constant PAYEE_GAS = 50000;
    uint256 public constant GAS_PER_CALL_MIN = 100000;

    address public payer;
    mapping(uint256 => uint256) private settledWords;
    mapping(bytes32 => bool) private refusedIds;

    event PayoutPaid(bytes32 indexed payoutId, address indexed payee, uint256 amount);
    event PayoutRefused(bytes32 indexed payoutId, address indexed payee, uint256 amount);
    event PayoutSkipped(bytes32 indexed payoutId);
    event PayerChanged(address indexed previousPayer, address indexed newPayer);

    constructor(address _payer) {
        require(_payer != address(0), "invalid payer");
        payer = _payer;
        emit PayerChanged(address(0), _payer);
    }

    function paid(bytes32 _payoutId) external view returns (bool) {
        return settled(_payoutId) && !refusedIds[_payoutId];
    }

    function refused(bytes32 _payoutId) external view returns (bool) {
        return refusedIds[_payoutId];
    }

    function settled(bytes32 _payoutId) public view returns (bool) {
        uint256 id = uint256(_payoutId);
        return settledWords[id >> 8] & (1 << (id & 0xff)) != 0;
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
        for (uint256 i = 0; i < n; ) {
            uint256 id = uint256(_payoutIds[i]);
            uint256 amount = _amounts[i];
            require(budget - sent >= amount, "value below amounts");
            uint256 word = settledWords[id >> 8];
            uint256 bit = 1 << (id & 0xff);
            if (word & bit != 0) {
                emit PayoutSkipped(bytes32(id));
            } else {
                settledWords[id >> 8] = word | bit;
                require(gasleft() >= GAS_PER_CALL_MIN, "gas too low");
                address payee = _payees[i];
                bool ok;
                assembly {
                    ok := call(PAYEE_GAS, payee, amount, 0, 0, 0, 0)
                }
                if (ok) {
                    sent += amount;
                    emit PayoutPaid(bytes32(id), payee, amount);
                } else {
                    refusedIds[bytes32(id)] = true;
                    emit PayoutRefused(bytes32(id), payee, amount);
                }
            }
            unchecked {
                ++i;
            }
        }
        uint256 rest = budget - sent;
        if (rest > 0) {
            (bool back, ) = payable(msg.sender).call{value: rest}("");
            require(back, "refund failed");
        }
    }
}
