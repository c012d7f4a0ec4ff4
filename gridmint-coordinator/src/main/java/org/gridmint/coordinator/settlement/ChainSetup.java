package org.gridmint.coordinator.settlement;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridmint.chain.ChainClient;
import org.gridmint.chain.ChainException;
import org.gridmint.chain.ChainKeys;
import org.gridmint.chain.Deployment;
import org.gridmint.chain.SettlementContracts;
import org.gridmint.chain.Units;
import org.gridmint.coordinator.economics.EconomicsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A coordinator's chain at start-up: reads the operator's key, then attaches to the contract its store recorded (then a
 * {@code --chain-contract} or {@code chain.json} naming another is refused), else to the one named by
 * {@code --chain-contract} or by {@code chain.json} in the data dir, or else deploys new ones and writes chain.json. On
 * attach, the contract's epoch clock, emission schedule and operator must be the configuration's (a coordinator whose
 * epochs or emissions differ from what the contract enforces would post batches the contract refuses), GRID must be
 * minted by that contract and chain.json's tokens must be its own; a fresh store does not adopt a contract with history
 * (GRID minted, credits owed, Deposited or EpochPosted logs), whose deposits and epochs another store already counted.
 *
 * <p>Failure modes: every refusal is a {@link SettlementException} (not retryable) whose message names the flag to fix;
 * nothing is deployed or written unless every check before it passed.
 */
public final class ChainSetup {
    private static final Logger log = LoggerFactory.getLogger(ChainSetup.class);

    private ChainSetup() {}

    /**
     * Connects, attaches or deploys, checks, logs, and returns the port (which owns the connection).
     *
     * @param genesis the start of epoch 0 (whole seconds): the configured one or the one the store keeps
     */
    public static EvmSettlement open(ChainConfig chain, EconomicsConfig economics, Instant genesis, Path dataDir) {
        return open(chain, economics, genesis, dataDir, StoreChain.FRESH);
    }

    /**
     * What the coordinator's store knows of its chain: the chain id and settlement contract recorded in its network_facts
     * at its first start (both null when none), and whether it is fresh (never settled anything: no facts, no deposit cursor).
     */
    public record StoreChain(Long chainId, String contract, boolean fresh) {
        public static final StoreChain FRESH = new StoreChain(null, null, true);
    }

    /**
     * As {@link #open(ChainConfig, EconomicsConfig, Instant, Path)}, for a store that may already settle with a contract:
     * then it attaches to that one whatever the data dir holds, and refuses a flag or chain.json naming another.
     */
    public static EvmSettlement open(ChainConfig chain, EconomicsConfig economics, Instant genesis, Path dataDir, StoreChain store) {
        String key;
        try {
            key = ChainKeys.readKeyFile(chain.keyFile());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw refuse("--chain-key: " + e.getMessage());
        }
        Deployment wanted = deployment(economics, genesis);
        ChainClient client;
        try {
            client = ChainClient.connect(chain.rpc(), key);
        } catch (ChainException e) {
            throw new SettlementException("cannot reach --chain-rpc " + chain.rpc() + ": " + e.getMessage(), false, e);
        }
        try {
            EvmSettlement port = attachOrDeploy(client, chain, wanted, dataDir, store);
            logStart(port);
            return port;
        } catch (RuntimeException e) {
            client.close();
            if (e instanceof ChainException c)
                throw new SettlementException("cannot set up the chain at --chain-rpc " + chain.rpc() + ": " + c.getMessage(), false, c);
            throw e;
        }
    }

    /** The contract parameters the economics configuration stands for. */
    public static Deployment deployment(EconomicsConfig economics, Instant genesis) {
        return new Deployment(genesis.getEpochSecond(), economics.epoch().toSeconds(), Units.toBaseUnits(economics.schedule().initial().micros()),
                economics.schedule().halvingEpochs());
    }

    private static EvmSettlement attachOrDeploy(ChainClient client, ChainConfig chain, Deployment wanted, Path dataDir, StoreChain store) {
        long chainId = client.chainId();
        Optional<ChainFile> file = ChainFile.read(dataDir);
        if (store.chainId() != null && store.chainId() != chainId)
            throw refuse("--chain-rpc " + chain.rpc() + " is chain " + chainId + " but this coordinator's store settles on chain " + store.chainId()
                    + " with the settlement contract " + store.contract() + " (recorded in its network_facts at its first start)");
        if (file.isPresent() && file.get().chainId() != chainId)
            throw refuse("--chain-rpc " + chain.rpc() + " is chain " + chainId + " but this data dir settles on chain " + file.get().chainId()
                    + " (" + dataDir.resolve(ChainFile.NAME) + ")");
        String flag = chain.contract() != null ? chain.contract().toLowerCase(java.util.Locale.ROOT) : null;
        if (flag != null && file.isPresent() && !file.get().settlement().equals(flag))
            throw refuse("--chain-contract " + flag + " is not the contract this data dir settles with, " + file.get().settlement() + " ("
                    + dataDir.resolve(ChainFile.NAME) + "); its deposits and epochs are recorded against that one");
        if (store.contract() != null) {
            // The store decides: its deposits, cursor and epochs were recorded against this contract, whatever the data dir says.
            if (flag != null && !flag.equals(store.contract()))
                throw refuse("--chain-contract " + flag + " is not " + store.contract() + ", the contract this coordinator's store settles with "
                        + "(recorded in its network_facts at its first start); its deposits and epochs are recorded against that one");
            if (file.isPresent() && !file.get().settlement().equals(store.contract()))
                throw refuse(dataDir.resolve(ChainFile.NAME) + " names the settlement contract " + file.get().settlement() + " but this coordinator's "
                        + "store settles with " + store.contract() + " (recorded in its network_facts at its first start): move the file away "
                        + "to attach to the store's contract, or use that file's store");
        }
        String contract = store.contract() != null ? store.contract() : flag != null ? flag : file.map(ChainFile::settlement).orElse(null);
        if (contract == null) {
            long before = client.blockNumber();
            log.info("no settlement contract yet (no --chain-contract, no {}): deploying StableCredit, GridToken and Settlement from {}", ChainFile.NAME,
                    client.address());
            SettlementContracts deployed = SettlementContracts.deploy(client, wanted);
            var a = deployed.addresses();
            ChainFile written = new ChainFile(chainId, a.settlement(), a.stable(), a.grid(), client.address(), before, true);
            written.write(dataDir);
            log.info("deployed the settlement contract at {} (block after {}); wrote {}", a.settlement(), before, dataDir.resolve(ChainFile.NAME));
            return new EvmSettlement(client, deployed, chain, before, true);
        }
        SettlementContracts attached = SettlementContracts.at(client, contract);
        List<String> mismatches = mismatches(attached.deployment(), wanted, attached.operator(), client.address());
        mismatches.addAll(tokenMismatches(client, attached, file));
        if (!mismatches.isEmpty())
            throw refuse("the settlement contract " + contract + " does not match this coordinator's configuration: " + String.join("; ", mismatches));
        long after = file.map(ChainFile::depositsAfter).orElse(0L);
        if (store.fresh() && hasHistory(client, attached, after))
            throw refuse("the settlement contract " + contract + " already has history (minted " + grid(attached.minted()) + " GRID, owes "
                    + grid(attached.outstanding()) + " credits, or emitted Deposited or EpochPosted events) but this coordinator's store is new: "
                    + "the contract already settles another network's store, and its deposits and epochs would be counted twice; start with "
                    + "that store, or leave --chain-contract out to deploy new contracts");
        if (file.isEmpty()) {
            var a = attached.addresses();
            new ChainFile(chainId, a.settlement(), a.stable(), a.grid(), attached.operator(), 0, false).write(dataDir);
        }
        // Only a stable token this coordinator deployed is its own to mint; any other must be funded by the operator's owner.
        boolean mintable = file.map(ChainFile::stableMintable).orElse(false);
        log.info("attached to the settlement contract at {}", contract);
        return new EvmSettlement(client, attached, chain, after, mintable);
    }

    /** GRID must be minted only by this settlement contract, and the data dir's token addresses must be the contract's. */
    static List<String> tokenMismatches(ChainClient client, SettlementContracts attached, Optional<ChainFile> file) {
        List<String> out = new ArrayList<>();
        var a = attached.addresses();
        Optional<String> minter = ChainReads.address(client, a.grid(), "minter");
        if (!minter.map(a.settlement()::equalsIgnoreCase).orElse(false))
            out.add("the GRID token " + a.grid() + " is minted by " + minter.orElse("(no minter() read)") + ", not by the settlement contract "
                    + a.settlement() + " (its emission cap would not hold)");
        if (file.isPresent() && !file.get().stable().equalsIgnoreCase(a.stable()))
            out.add(ChainFile.NAME + " names the stable token " + file.get().stable() + " but the contract's stable() is " + a.stable());
        if (file.isPresent() && !file.get().grid().equalsIgnoreCase(a.grid()))
            out.add(ChainFile.NAME + " names the GRID token " + file.get().grid() + " but the contract's grid() is " + a.grid());
        return out;
    }

    /** Whether the contract has settled anything: minted GRID, owes credits, or emitted a Deposited or EpochPosted event after {@code after}. */
    private static boolean hasHistory(ChainClient client, SettlementContracts c, long after) {
        if (c.minted().signum() > 0 || c.outstanding().signum() > 0) return true;
        return ChainReads.anyHistoryLog(client, c.addresses().settlement(), after + 1, client.blockNumber(), EvmSettlement.LOG_RANGE);
    }

    /** Each way the deployed contract differs from what the configuration wants, naming the flag that sets it. */
    static List<String> mismatches(Deployment actual, Deployment wanted, String operator, String key) {
        List<String> out = new ArrayList<>();
        if (actual.genesisSeconds() != wanted.genesisSeconds())
            out.add("--genesis is " + Instant.ofEpochSecond(wanted.genesisSeconds()) + " but the contract's genesis is "
                    + Instant.ofEpochSecond(actual.genesisSeconds()));
        if (actual.epochSeconds() != wanted.epochSeconds())
            out.add("--epoch is " + wanted.epochSeconds() + "s but the contract's epoch is " + actual.epochSeconds() + "s");
        if (!actual.initialEmission().equals(wanted.initialEmission()))
            out.add("--emission-initial is " + grid(wanted.initialEmission()) + " GRID but the contract's initial emission is "
                    + grid(actual.initialEmission()) + " GRID");
        if (actual.halvingEpochs() != wanted.halvingEpochs())
            out.add("--emission-halving is " + wanted.halvingEpochs() + " epochs but the contract halves every " + actual.halvingEpochs());
        if (!operator.equalsIgnoreCase(key))
            out.add("--chain-key is the key of " + key + " but the contract's operator is " + operator + " (only it may post epochs)");
        return out;
    }

    private static String grid(BigInteger base) {
        return new BigDecimal(base).movePointLeft(18).stripTrailingZeros().toPlainString();
    }

    private static void logStart(EvmSettlement port) {
        var info = port.info();
        var c = port.contracts();
        BigInteger gas;
        try {
            gas = port.client().web3j().ethGetBalance(info.operator(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getBalance();
        } catch (java.io.IOException | RuntimeException e) {
            gas = null;
        }
        log.info("settling on EVM chain {} via {}: settlement {}, stable credit {}, GRID {}; deposits credited after {} confirmations",
                info.chainId(), info.rpc(), info.settlementContract(), info.stableToken(), info.gridToken(), info.confirmations());
        log.info("operator {}: {} ETH for gas; the contract holds {} stable credits, {} owed to unclaimed payouts", info.operator(),
                gas == null ? "(unknown)" : grid(gas), grid(c.stableBalance(info.settlementContract())), grid(c.outstanding()));
        if (gas != null && gas.signum() == 0)
            log.warn("the operator {} has no ETH: it cannot pay the gas to post epochs", info.operator());
    }

    private static SettlementException refuse(String message) {
        return new SettlementException(message, false, null);
    }
}
