package org.gridmint.coordinator.settlement;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.gridmint.api.ChainInfo;
import org.gridmint.chain.ChainClient;
import org.gridmint.chain.ChainException;
import org.gridmint.chain.DepositEvent;
import org.gridmint.chain.EpochPosting;
import org.gridmint.chain.Leaves;
import org.gridmint.chain.SettlementContracts;
import org.gridmint.chain.Units;
import org.gridmint.core.economics.MerkleTree;
import org.gridmint.core.economics.Tokens;
import org.gridmint.core.money.Credits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    /** Read once: GET /api/v1/chain is public and must not cost a node round trip per request. */
    private volatile Long chainId;

    /**
     * Takes ownership of {@code client}: {@link #close()} closes it.
     *
     * @param depositsAfter the last block before the contracts existed: deposits are read after it until a cursor is stored
     */
    public EvmSettlement(ChainClient client, SettlementContracts contracts, ChainConfig config, long depositsAfter) {
        this.client = client;
        this.contracts = contracts;
        this.config = config;
        this.depositsAfter = depositsAfter;
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
        if (held.isPresent()) return same(epoch, root, credits, tokens, held.get());
        try {
            var receipt = contracts.postEpoch(epoch, root, Units.toBaseUnits(credits.micros()), Units.toBaseUnits(tokens.micros()));
            log.info("posted epoch {} on-chain: root {}, {} credits, {} GRID (tx {}, block {}, gas {})", epoch, hex(root), credits,
                    tokens, receipt.txHash(), receipt.blockNumber(), receipt.gasUsed());
            return new PostedEpoch(epoch, hex(root), credits, tokens, receipt.txHash());
        } catch (ChainException e) {
            // A post that reached the chain while its receipt was lost, or a second poster: what the contract holds decides.
            Optional<PostedEpoch> now = quietly(() -> posted(epoch));
            if (now.isPresent()) return same(epoch, root, credits, tokens, now.get());
            String reason = e.revertReason();
            if ("not backed".equals(reason))
                log.error("EPOCH {} CANNOT BE POSTED: the settlement contract does not hold enough stable credits to back its payouts of {} "
                        + "credits (\"not backed\"). Credits minted with the dev faucet or mint are not backed on-chain; deposit stable "
                        + "credits to the contract, or pay out less. Retrying.", epoch, credits);
            boolean retryable = e.retryable() || "epoch not over".equals(reason) || "not backed".equals(reason);
            throw new SettlementException("posting epoch " + epoch + " failed: " + e.getMessage(), retryable, e);
        }
    }

    private static PostedEpoch same(long epoch, byte[] root, Credits credits, Tokens tokens, PostedEpoch held) {
        PostedEpoch want = new PostedEpoch(epoch, hex(root), credits, tokens, null);
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
                Tokens.ofMicros(micros(e.tokens(), "epoch " + epoch + " tokens")), null));
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
