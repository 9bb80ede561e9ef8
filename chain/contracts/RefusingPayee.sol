// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Test fixture: a payee contract that rejects ETH, as a misconfigured multisig or a contract without receive would.
contract RefusingPayee {
    receive() external payable {
        revert("no ETH accepted");
    }
}
