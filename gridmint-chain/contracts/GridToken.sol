// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import "./ERC20.sol";

/// GRID, the network token: minted only by its minter (the settlement contract, which enforces the emission schedule).
contract GridToken is ERC20 {
    address public immutable deployer;
    address public minter;

    constructor() ERC20("Gridmint", "GRID") {
        deployer = msg.sender;
    }

    /// Set once, by the deployer, to the settlement contract: nobody can mint outside the schedule afterwards.
    function setMinter(address minter_) external {
        require(msg.sender == deployer, "only deployer");
        require(minter == address(0), "minter already set");
        require(minter_ != address(0), "minter is the zero address");
        minter = minter_;
    }

    function mint(address to, uint256 value) external {
        require(msg.sender == minter, "only minter");
        _mint(to, value);
    }
}
