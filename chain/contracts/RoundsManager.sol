// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title RoundsManager (dev chain)
 * @notice Rounds of `roundLength` blocks, with the subset of Livepeer's RoundsManager interface the pool uses.
 * A round is initialized by anyone calling `initializeRound`, which records the hash of the previous block as the
 * round's block hash (tickets carry it in their auxData). The round current at deployment is initialized by the
 * constructor so that a freshly deployed chain accepts tickets at once.
 */
contract RoundsManager {
    event NewRound(uint256 indexed round, bytes32 blockHash);

    uint256 public immutable roundLength;
    uint256 public lastInitializedRound;

    mapping(uint256 => bytes32) private roundBlockHash;

    constructor(uint256 _roundLength) {
        require(_roundLength > 0, "round length cannot be 0");
        roundLength = _roundLength;
        _initialize(currentRound());
    }

    /// @notice Initializes the current round: records its block hash and emits NewRound.
    function initializeRound() external {
        require(!currentRoundInitialized(), "round already initialized");
        _initialize(currentRound());
    }

    function currentRound() public view returns (uint256) {
        return block.number / roundLength;
    }

    function currentRoundStartBlock() external view returns (uint256) {
        return currentRound() * roundLength;
    }

    function currentRoundInitialized() public view returns (bool) {
        return lastInitializedRound == currentRound();
    }

    /// @notice The block hash recorded when `_round` was initialized, zero if it never was.
    function blockHashForRound(uint256 _round) external view returns (bytes32) {
        return roundBlockHash[_round];
    }

    function blockNum() external view returns (uint256) {
        return block.number;
    }

    function _initialize(uint256 _round) private {
        bytes32 hash = blockhash(block.number - 1);
        lastInitializedRound = _round;
        roundBlockHash[_round] = hash;
        emit NewRound(_round, hash);
    }
}
