package org.gridmint.coordinator.settlement;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.gridmint.api.ChainInfo;
import org.gridmint.chain.ChainClient;
import org.gridmint.chain.ChainException;
import org.gridmint.chain.DepositEvent;
import org.gridmint.chain.EpochPosting;
import org.gridmint.chain.Leaves;
import org.gridmint.chain.SettlementContracts;
import org.gridmint.chain.TxReceipt;
import org.gridmint.chain.Units;
import org.gridmint.core.economics.MerkleTree;
import org.gridmint.core.economics.Tokens;
import org.gridmint.core.money.Credits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The settlement on an EVM chain: epoch batches go to the Settlement contract (the operator's key posts them and pays the
 * gas), deposits come from its Deposited events, and leaves hash as the contract's claim recomputes them (Keccak-256 over
 * 18-decimal amounts). The only place in the coordinator where micro-units become base units and back.
 *
 * <p>Failure modes: an unreachable node or a receipt that did not come is a retryable {@link SettlementException}; a
 * revert is not, except "epoch not over" and "not backed", which time or deposits may cure. {@link #post} is idempotent:
 * an epoch the contract already holds with the same root is returned as it is, and one it holds with another root is a
 * loud, non-retryable error (the journal and the chain disagree; the operator must look).
 *
 * <p>Backing: a batch also pays out credits the network issued (SUBSIDY postings that pay verification replicas, dev
 * faucet and mint deposits), which no deposit brought on-chain. Before posting, the operator transfers what the contract
 * lacks (outstanding + the batch's credits - its stable balance) with a plain ERC-20 transfer, which credits no ledger
 * account; on a dev chain whose stable token this coordinator deployed, it mints what it lacks itself first. Otherwise an
 * operator short of stable credits gets a retryable error, logged at WARN each time, naming the amount and the address
 * to fund. The shortfall is read from the chain on every try, once none of the operator's transactions is pending (a
 * top-up whose receipt was lost may still be mined), so a retry transfers only what is still missing; what was funded is reported in the posting ({@link PostedEpoch#funded}), summed over this process's tries (a
 * top-up made before a crash is on-chain but not in that sum).
 *
 * <p>Concurrency: web3j's client is thread-safe; the operator's nonce is the node's pending count, so one coordinator must
 * not post from two threads at once (the epoch loop posts from one).
 */
public final class EvmSettlement implements SettlementPort {
    private static final Logger log = LoggerFactory.getLogger(EvmSettlement.class);
    /** Blocks per eth_getLogs call: public nodes refuse wide ranges, and a short one keeps each answer small. */
    static final long LOG_RANGE = 2_000;

    private final ChainClient client;
    private final SettlementContracts contracts;
    private final ChainConfig config;
    private final long depositsAfter;
    private final boolean stableMintable;
    /** Top-ups made for epochs not yet reported posted, so that a post retried after a failure reports what earlier tries funded. */
    private final Map<Long, Credits> funded = new ConcurrentHashMap<>();
    /** Read once: GET /api/v1/chain is public and must not cost a node round trip per request. */
    private volatile Long chainId;

    /**
     * Takes ownership of {@code client}: {@link #close()} closes it.
     *
     * @param depositsAfter the last block before the contracts existed: deposits are read after it until a cursor is stored
     * @param stableMintable whether the operator may mint the stable token (a dev chain's stand-in this coordinator deployed)
     */
    public EvmSettlement(ChainClient client, SettlementContracts contracts, ChainConfig config, long depositsAfter, boolean stableMintable) {
        this.client = client;
        this.contracts = contracts;
        this.config = config;
        this.depositsAfter = depositsAfter;
        this.stableMintable = stableMintable;
    }

    /** The block deposits are first read after (the {@link DepositWatcher}'s start). */
    public long depositsAfter() {
        return depositsAfter;
    }

    /** The contracts this port settles through (for the start-up log, the audit and tests). */
    public SettlementContracts contracts() {
        return contracts;
    }

    public ChainClient client() {
        return client;
    }

    @Override
    public ChainInfo info() {
        var a = contracts.addresses();
        Long id = chainId;
        if (id == null) chainId = id = call("read the chain id", client::chainId);
        return new ChainInfo(ChainInfo.EVM, id, config.publicRpc() != null ? config.publicRpc() : config.rpc(), a.settlement(), a.stable(),
                a.grid(), config.confirmations(), client.address());
    }

    @Override
    public boolean onChain() {
        return true;
    }

    @Override
    public byte[] leafHash(SettlementLeaf leaf) {
        return Leaves.leafHash(leaf.epoch(), leaf.address(), Units.toBaseUnits(leaf.credits().micros()), Units.toBaseUnits(leaf.tokens().micros()));
    }

    @Override
    public MerkleTree.Hasher hasher() {
        return Leaves.KECCAK;
    }

    @Override
    public Optional<String> treasuryAddress() {
        return Optional.of(client.address());
    }

    @Override
    public PostedEpoch post(long epoch, byte[] root, Credits credits, Tokens tokens) {
        if (root == null || root.length != 32) throw new IllegalArgumentException("an epoch root is 32 bytes");
        Optional<PostedEpoch> held = posted(epoch);
        if (held.isPresent()) return reported(same(epoch, root, credits, tokens, held.get()));
        back(epoch, credits);
        try {
            var receipt = contracts.postEpoch(epoch, root, Units.toBaseUnits(credits.micros()), Units.toBaseUnits(tokens.micros()));
            log.info("posted epoch {} on-chain: root {}, {} credits, {} GRID (tx {}, block {}, gas {})", epoch, hex(root), credits,
                    tokens, receipt.txHash(), receipt.blockNumber(), receipt.gasUsed());
            return reported(new PostedEpoch(epoch, hex(root), credits, tokens, receipt.txHash(), Credits.ZERO));
        } catch (ChainException e) {
            // A post that reached the chain while its receipt was lost, or a second poster: what the contract holds decides.
            Optional<PostedEpoch> now = quietly(() -> posted(epoch));
            if (now.isPresent()) return reported(same(epoch, root, credits, tokens, now.get()));
            String reason = e.revertReason();
            if ("not backed".equals(reason))
                log.error("EPOCH {} CANNOT BE POSTED: the settlement contract does not hold enough stable credits to back its payouts of {} "
                        + "credits (\"not backed\") although the operator topped it up: its balance fell in between. Retrying.", epoch, credits);
            boolean retryable = e.retryable() || "epoch not over".equals(reason) || "not backed".equals(reason);
            throw new SettlementException("posting epoch " + epoch + " failed: " + e.getMessage(), retryable, e);
        }
    }

    @Override
    public Credits takeFunded(long epoch) {
        Credits f = funded.remove(epoch);
        return f == null ? Credits.ZERO : f;
    }

    /** The posting with what the operator funded for its epoch in this process (taken: a later call reports zero). */
    private PostedEpoch reported(PostedEpoch p) {
        Credits f = funded.remove(p.epoch());
        return f == null ? p : new PostedEpoch(p.epoch(), p.root(), p.credits(), p.tokens(), p.txHash(), f);
    }

    /**
     * Tops the contract's stable balance up to what it owes once {@code credits} more are posted, with a plain transfer
     * from the operator (not a deposit: it credits no ledger account). Sized from the chain each time, and only once none of
     * the operator's transactions is pending: a top-up whose receipt wait timed out may still be mined, and sizing from the
     * latest balance before then would send a second one.
     */
    private void back(long epoch, Credits credits) {
        String contract = contracts.addresses().settlement();
        String operator = client.address();
        if (pendingNonce(operator).compareTo(nonce(operator, DefaultBlockParameterName.LATEST)) > 0)
            throw new SettlementException("posting epoch " + epoch + ": a transaction of the operator " + operator + " is still pending; will retry "
                    + "(the contract's shortfall is sized once it is mined)", true, null);
        BigInteger lacking = call("read what the settlement contract holds and owes", () -> contracts.outstanding()
                .add(Units.toBaseUnits(credits.micros())).subtract(contracts.stableBalance(contract)));
        if (lacking.signum() <= 0) return;
        BigInteger need = wholeMicros(lacking); // a stray fraction someone sent the contract rounds the top-up up, not down
        Credits shortfall = Credits.ofMicros(Units.toMicros(need));
        BigInteger have = call("read the operator's stable balance", () -> contracts.stableBalance(operator));
        if (have.compareTo(need) < 0) {
            BigInteger missing = need.subtract(have);
            if (!stableMintable) {
                Credits fund = Credits.ofMicros(Units.toMicros(wholeMicros(missing)));
                log.warn("EPOCH {} NEEDS OPERATOR FUNDING: its batch pays out {} credits more than the settlement contract {} holds (credits the "
                        + "network issued, such as verification subsidies, that no deposit brought on-chain); the operator {} holds too few of the "
                        + "stable token {}: send it at least {} more (or send {} to the contract directly). Retrying.", epoch, shortfall, contract,
                        operator, contracts.addresses().stable(), fund, shortfall);
                throw new SettlementException("posting epoch " + epoch + " needs " + shortfall + " stable credits more in the settlement contract "
                        + contract + ": fund the operator " + operator + " with at least " + fund + " more of the stable token "
                        + contracts.addresses().stable() + " (it then backs the batch itself)", true, null);
            }
            TxReceipt minted = call("mint " + missing + " base units of test stable credits to the operator", () -> contracts.mintStable(operator, missing));
            log.info("minted {} test stable credits to the operator {} to back epoch {} (a dev chain: this coordinator deployed the stable token; tx {})",
                    Credits.ofMicros(Units.toMicros(wholeMicros(missing))), operator, epoch, minted.txHash());
        }
        TxReceipt sent = call("transfer " + shortfall + " stable credits to the settlement contract", () -> contracts.transferStable(contract, need));
        funded.merge(epoch, shortfall, Credits::plus);
        log.info("the operator {} transferred {} stable credits to the settlement contract {} to back epoch {}'s batch of {} credits "
                + "(network-issued credits no deposit brought on-chain; tx {})", operator, shortfall, contract, epoch, credits, sent.txHash());
    }

    private BigInteger pendingNonce(String who) {
        return nonce(who, DefaultBlockParameterName.PENDING);
    }

    /** The operator's transaction count at {@code at} (eth_getTransactionCount). */
    private BigInteger nonce(String who, DefaultBlockParameterName at) {
        return call("read the operator's " + at.getValue() + " nonce", () -> {
            try {
                var r = client.web3j().ethGetTransactionCount(who, at).send();
                if (r.hasError()) throw new ChainException("eth_getTransactionCount: " + r.getError().getMessage(), true, null, null);
                return r.getTransactionCount();
            } catch (java.io.IOException e) {
                throw new ChainException("cannot read the nonce of " + who + ": " + e.getMessage(), true, null, e);
            }
        });
    }

    /** Base units rounded up to a whole micro-credit. */
    private static BigInteger wholeMicros(BigInteger base) {
        BigInteger[] qr = base.divideAndRemainder(Units.BASE_PER_MICRO);
        return (qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE)).multiply(Units.BASE_PER_MICRO);
    }

    private static PostedEpoch same(long epoch, byte[] root, Credits credits, Tokens tokens, PostedEpoch held) {
        PostedEpoch want = new PostedEpoch(epoch, hex(root), credits, tokens, null, Credits.ZERO);
        if (!held.root().equals(want.root()) || !held.credits().equals(credits) || !held.tokens().equals(tokens)) {
            log.error("EPOCH {} ON-CHAIN DIFFERS FROM THE JOURNAL: the contract holds root {} ({} credits, {} GRID), the coordinator computed "
                    + "root {} ({} credits, {} GRID)", epoch, held.root(), held.credits(), held.tokens(), want.root(), credits, tokens);
            throw new SettlementException("epoch " + epoch + " is already posted on-chain with root " + held.root() + " (" + held.credits()
                    + " credits, " + held.tokens() + " GRID), not " + want.root() + " (" + credits + " credits, " + tokens
                    + " GRID): the journal and the chain disagree", false, null);
        }
        return held;
    }

    @Override
    public Optional<PostedEpoch> posted(long epoch) {
        Optional<EpochPosting> p = call("read epoch " + epoch, () -> contracts.epoch(epoch));
        return p.map(e -> new PostedEpoch(epoch, hex(e.root()), Credits.ofMicros(micros(e.credits(), "epoch " + epoch + " credits")),
                Tokens.ofMicros(micros(e.tokens(), "epoch " + epoch + " tokens")), null, Credits.ZERO));
    }

    /**
     * Where the post stands: the block that posted the root is its receipt's (the recorded transaction), else the epoch's
     * EpochPosted log anywhere after the deployment block (newest first). FINAL once head - that block >= confirmations; a
     * root held whose block is found nowhere is PENDING (depth unknown: never taken as final).
     */
    @Override
    public PostCheck checkPost(long epoch, byte[] root, String txHash) {
        Optional<PostedEpoch> held = posted(epoch);
        if (held.isEmpty()) return new PostCheck(PostCheck.State.ABSENT, null, 0);
        if (!held.get().root().equalsIgnoreCase(hex(root)))
            throw new SettlementException("epoch " + epoch + " is posted on-chain with root " + held.get().root() + ", not " + hex(root)
                    + ": the journal and the chain disagree", false, null);
        long head = call("read the block number", client::blockNumber);
        Long block = null;
        String tx = txHash;
        if (txHash != null) {
            var receipt = call("read the receipt of " + txHash, () -> {
                try {
                    return client.web3j().ethGetTransactionReceipt(txHash).send().getTransactionReceipt();
                } catch (java.io.IOException e) {
                    throw new ChainException("cannot read the receipt of " + txHash + ": " + e.getMessage(), true, null, e);
                }
            });
            if (receipt.isPresent() && receipt.get().isStatusOK()) block = receipt.get().getBlockNumber().longValueExact();
        }
        if (block == null) {
            var found = epochPostedLog(epoch, head);
            if (found.isEmpty()) {
                // Held, but no block to count confirmations from: not final until one is found (a node that dropped old logs).
                log.warn("epoch {}'s root is held by the settlement contract but neither its post's receipt (tx {}) nor its EpochPosted log after "
                        + "block {} was found: it stays CLOSED until its block is known", epoch, txHash, depositsAfter);
                return new PostCheck(PostCheck.State.PENDING, tx, 0);
            }
            block = found.get().getBlockNumber().longValueExact();
            tx = found.get().getTransactionHash();
        }
        long depth = head - block;
        return new PostCheck(depth >= config.confirmations() ? PostCheck.State.FINAL : PostCheck.State.PENDING, tx, depth);
    }

    /**
     * The epoch's EpochPosted log (filtered by its indexed epoch), searched backwards from {@code head} in
     * {@link #LOG_RANGE}-block steps down to the deployment block: a recent post costs one read, an old one is still found.
     */
    private Optional<org.web3j.protocol.core.methods.response.Log> epochPostedLog(long epoch, long head) {
        String settlement = contracts.addresses().settlement();
        for (long to = head; to > depositsAfter; to -= LOG_RANGE) {
            long from = Math.max(depositsAfter + 1, to - LOG_RANGE + 1);
            var found = ChainReads.epochPosted(client, settlement, epoch, from, to);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    @Override
    public boolean claimed(long epoch, String address) {
        return call("read whether " + address + " claimed epoch " + epoch, () -> contracts.isClaimed(epoch, address));
    }

    @Override
    public Deposits confirmedDeposits(long afterBlock) {
        long head = call("read the block number", client::blockNumber);
        long safe = head - config.confirmations();
        if (safe <= afterBlock) return new Deposits(List.of(), afterBlock);
        long to = Math.min(safe, afterBlock + LOG_RANGE);
        List<DepositEvent> events = call("read deposits in blocks " + (afterBlock + 1) + ".." + to, () -> contracts.deposits(afterBlock + 1, to));
        List<ChainDeposit> out = new ArrayList<>(events.size());
        for (DepositEvent e : events) {
            long micros;
            try {
                micros = Units.toMicros(e.amount());
            } catch (IllegalArgumentException x) {
                // The contract refuses amounts finer than a micro-credit; only an absurd one (past a long) lands here.
                log.error("on-chain deposit {}:{} of {} base units cannot be held in micro-credits ({}): not credited", e.txHash(), e.logIndex(),
                        e.amount(), x.getMessage());
                continue;
            }
            out.add(new ChainDeposit(e.txHash(), e.logIndex(), e.blockNumber(), e.blockHash(), e.account(), e.from(), Credits.ofMicros(micros)));
        }
        return new Deposits(List.copyOf(out), to);
    }

    @Override
    public void close() {
        client.close();
    }

    private static long micros(BigInteger base, String what) {
        try {
            return Units.toMicros(base);
        } catch (IllegalArgumentException e) {
            throw new SettlementException(what + " on-chain is not a whole number of micro-units: " + base, false, e);
        }
    }

    /** Runs a chain call, turning its errors into SettlementExceptions that keep whether a retry may work. */
    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ChainException e) {
            throw new SettlementException("cannot " + what + " on-chain: " + e.getMessage(), e.retryable(), e);
        }
    }

    private static <T> Optional<T> quietly(Supplier<Optional<T>> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
    }

    static boolean sameRoot(byte[] a, String b) {
        return b != null && Arrays.equals(a, unhex(b));
    }
}
