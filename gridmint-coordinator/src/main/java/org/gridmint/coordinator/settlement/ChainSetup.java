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
 * A coordinator's chain at start-up: reads the operator's key, then attaches to the contracts named by
 * {@code --chain-contract} or by {@code chain.json} in the data dir, or else deploys new ones and writes chain.json. On
 * attach, the contract's epoch clock, emission schedule and operator must be the configuration's: a coordinator whose
 * epochs or emissions differ from what the contract enforces would post batches the contract refuses, so it does not start.
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
            EvmSettlement port = attachOrDeploy(client, chain, wanted, dataDir);
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

    private static EvmSettlement attachOrDeploy(ChainClient client, ChainConfig chain, Deployment wanted, Path dataDir) {
        long chainId = client.chainId();
        Optional<ChainFile> file = ChainFile.read(dataDir);
        if (file.isPresent() && file.get().chainId() != chainId)
            throw refuse("--chain-rpc " + chain.rpc() + " is chain " + chainId + " but this data dir settles on chain " + file.get().chainId()
                    + " (" + dataDir.resolve(ChainFile.NAME) + ")");
        String contract = chain.contract() != null ? chain.contract().toLowerCase(java.util.Locale.ROOT) : file.map(ChainFile::settlement).orElse(null);
        if (chain.contract() != null && file.isPresent() && !file.get().settlement().equals(contract))
            throw refuse("--chain-contract " + contract + " is not the contract this data dir settles with, " + file.get().settlement() + " ("
                    + dataDir.resolve(ChainFile.NAME) + "); its deposits and epochs are recorded against that one");
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
        if (!mismatches.isEmpty())
            throw refuse("the settlement contract " + contract + " does not match this coordinator's configuration: " + String.join("; ", mismatches));
        long after = file.map(ChainFile::depositsAfter).orElse(0L);
        if (file.isEmpty()) {
            var a = attached.addresses();
            new ChainFile(chainId, a.settlement(), a.stable(), a.grid(), attached.operator(), 0, false).write(dataDir);
        }
        // Only a stable token this coordinator deployed is its own to mint; any other must be funded by the operator's owner.
        boolean mintable = file.map(ChainFile::stableMintable).orElse(false);
        log.info("attached to the settlement contract at {}", contract);
        return new EvmSettlement(client, attached, chain, after, mintable);
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
