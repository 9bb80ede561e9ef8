// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice What the TicketBroker and BondingManager read from the RoundsManager.
interface IRoundsManager {
    function currentRound() external view returns (uint256);

    function currentRoundInitialized() external view returns (bool);

    function blockHashForRound(uint256 _round) external view returns (bytes32);
}

/// @notice What the TicketBroker needs from the BondingManager.
interface IBondingManager {
    function isActiveTranscoder(address _transcoder) external view returns (bool);

    function getTranscoderPoolSize() external view returns (uint256);

    function updateTranscoderWithFees(address _transcoder, uint256 _fees, uint256 _round) external payable;
}
