// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import "./ERC20.sol";

/// The test stand-in for a dollar stablecoin that credits are pegged to: its deployer may mint at will.
contract StableCredit is ERC20 {
    address public immutable owner;

    constructor() ERC20("Gridmint Test Credit", "gUSD") {
        owner = msg.sender;
    }

    function mint(address to, uint256 value) external {
        require(msg.sender == owner, "only owner");
        _mint(to, value);
    }
}
