// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import "./ERC20.sol";
import "./GridToken.sol";
import "./MerkleProof.sol";

/// Gridmint's settlement: clients deposit stable credits for a ledger account; once per epoch the operator posts one
/// Merkle root of what each payout address is owed (credits earned or withdrawn, GRID rewarded); each address then claims
/// its leaf once, with a proof. GRID is minted here, never beyond the emission schedule, credits are posted only
/// when the contract holds them, and an epoch's claims never draw more than the totals posted with its root.
contract Settlement {
    /// A posted epoch: its root, the totals the operator posted, and what its claims may still draw. The unclaimed pair
    /// caps each epoch's claims at its own totals, so a root whose leaves add up to more than them (an operator's
    /// mistake) can never draw on the backing of other epochs; `outstanding` alone would let it. Remaining amounts, not
    /// claimed ones: one packed slot that a claim reads and lowers, never a zero slot made non-zero.
    struct Epoch {
        bytes32 root;
        uint256 credits;
        uint256 tokens;
        uint128 unclaimedCredits;
        uint128 unclaimedTokens;
    }

    ERC20 public immutable stable;
    GridToken public immutable grid;
    address public immutable operator;
    uint64 public immutable genesis;
    uint64 public immutable epochSeconds;
    uint256 public immutable initialEmission;
    uint64 public immutable halvingEpochs;

    /// Credits posted in roots and not yet claimed: the contract's stable balance must always cover them.
    uint256 public outstanding;
    /// GRID minted by all posted epochs.
    uint256 public minted;
    mapping(uint64 => Epoch) private posted;
    mapping(uint64 => mapping(address => bool)) public isClaimed;

    event Deposited(string account, address indexed from, uint256 amount);
    event EpochPosted(uint64 indexed epoch, bytes32 root, uint256 credits, uint256 tokens);
    event Claimed(uint64 indexed epoch, address indexed account, uint256 credits, uint256 tokens);

    constructor(address stable_, address grid_, uint64 genesis_, uint64 epochSeconds_, uint256 initialEmission_, uint64 halvingEpochs_) {
        require(stable_ != address(0) && grid_ != address(0), "token is the zero address");
        require(epochSeconds_ > 0, "epochSeconds is 0");
        require(halvingEpochs_ > 0, "halvingEpochs is 0");
        stable = ERC20(stable_);
        grid = GridToken(grid_);
        operator = msg.sender;
        genesis = genesis_;
        epochSeconds = epochSeconds_;
        initialEmission = initialEmission_;
        halvingEpochs = halvingEpochs_;
    }

    /// Pays `amount` stable base units in for the ledger account `account` (the coordinator credits it from this event).
    function deposit(string calldata account, uint256 amount) external {
        require(amount > 0, "amount is 0");
        require(amount % 1e12 == 0, "amount not a whole micro-credit");
        uint256 length = bytes(account).length;
        require(length >= 1 && length <= 64, "account must be 1 to 64 bytes");
        require(stable.transferFrom(msg.sender, address(this), amount), "transfer failed");
        emit Deposited(account, msg.sender, amount);
    }

    /// Posts epoch `epoch`'s root with the sums of its leaves; only the operator, once per epoch, after the epoch ended.
    function postEpoch(uint64 epoch, bytes32 root, uint256 credits, uint256 tokens) external {
        require(msg.sender == operator, "only operator");
        require(root != bytes32(0), "root is 0");
        require(posted[epoch].root == bytes32(0), "epoch already posted");
        // 2^128 base units is 3.4e20 whole tokens: far above any Java long of micro-units, and it lets one slot hold both
        require(credits <= type(uint128).max && tokens <= type(uint128).max, "amount too large");
        require(block.timestamp >= uint256(genesis) + (uint256(epoch) + 1) * epochSeconds, "epoch not over");
        require(stable.balanceOf(address(this)) >= outstanding + credits, "not backed");
        require(minted + tokens <= cumulativeCap(epoch), "emission cap");
        posted[epoch] = Epoch(root, credits, tokens, uint128(credits), uint128(tokens));
        outstanding += credits;
        minted += tokens;
        if (tokens > 0) grid.mint(address(this), tokens);
        emit EpochPosted(epoch, root, credits, tokens);
    }

    /// Pays `account` its leaf of `epoch`; anyone may send it, the funds always go to `account`.
    function claim(uint64 epoch, address account, uint256 credits, uint256 tokens, bytes32[] calldata proof) external {
        Epoch storage e = posted[epoch];
        bytes32 root = e.root;
        require(root != bytes32(0), "epoch not posted");
        require(!isClaimed[epoch][account], "already claimed");
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(epoch, account, credits, tokens))));
        require(MerkleProof.verify(proof, root, leaf), "invalid proof");
        require(credits <= e.unclaimedCredits && tokens <= e.unclaimedTokens, "exceeds epoch total");
        isClaimed[epoch][account] = true;
        e.unclaimedCredits -= uint128(credits);
        e.unclaimedTokens -= uint128(tokens);
        outstanding -= credits;
        if (credits > 0) require(stable.transfer(account, credits), "transfer failed");
        if (tokens > 0) require(grid.transfer(account, tokens), "transfer failed");
        emit Claimed(epoch, account, credits, tokens);
    }

    /// Epoch `epoch`'s root and the totals posted with it, a zero root when it was not posted: the ABI of the former
    /// public getter, which the Java client (SettlementContracts.epoch) reads.
    function epochs(uint64 epoch) external view returns (bytes32 root, uint256 credits, uint256 tokens) {
        Epoch storage e = posted[epoch];
        return (e.root, e.credits, e.tokens);
    }

    /// What epoch `epoch`'s claims may still draw: its posted totals less what was claimed.
    function unclaimed(uint64 epoch) external view returns (uint256 credits, uint256 tokens) {
        Epoch storage e = posted[epoch];
        return (e.unclaimedCredits, e.unclaimedTokens);
    }

    /// The emission of epoch `epoch`: initialEmission halved every halvingEpochs epochs, 0 after 63 halvings.
    function emission(uint64 epoch) public view returns (uint256) {
        uint256 halvings = epoch / halvingEpochs;
        return halvings >= 63 ? 0 : initialEmission >> halvings;
    }

    /// What epochs 0..epoch may mint in all: the cap on `minted` once `epoch` is posted.
    function cumulativeCap(uint64 epoch) public view returns (uint256 total) {
        uint256 done = 0;
        for (uint256 h = 0; h < 63 && done <= epoch; h++) {
            uint256 count = uint256(epoch) + 1 - done;
            if (count > halvingEpochs) count = halvingEpochs;
            total += (initialEmission >> h) * count;
            done += count;
        }
    }
}
