package org.gridmint.coordinator.settlement;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.chain.ChainClient;
import org.gridmint.chain.ChainKeys;
import org.gridmint.chain.SettlementContracts;
import org.gridmint.chain.TxReceipt;
import org.gridmint.chain.Units;
import org.gridmint.chain.testing.Anvil;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.economics.EconomicsConfig;

/**
 * A real anvil chain for the settlement tests, with block production under the test's control (interval mining off: a
 * block comes with each transaction and with {@link #mine}), the operator's key file, and a depositor key. Test classes
 * that use it carry {@link org.gridmint.chain.testing.RequiresAnvil}, which skips them without anvil and says why on the
 * console; the assumption in {@link #start} is a fallback for one that forgot it (it skips, but only the reports say why).
 */
public final class ChainBed implements AutoCloseable {
    /** A fixed genesis so that restarts attach to the same contract (whole seconds, as the contract counts). */
    public static final Instant GENESIS = Instant.parse("2026-11-01T00:00:00Z");

    public final Anvil anvil;
    public final Path keyFile;
    private final List<ChainClient> clients = new ArrayList<>();

    private ChainBed(Anvil anvil, Path keyFile) {
        this.anvil = anvil;
        this.keyFile = keyFile;
    }

    public static ChainBed start(Path dir) {
        assumeTrue(Anvil.binary().isPresent(), () -> Anvil.unavailableReason());
        Anvil anvil = Anvil.start();
        try {
            Path key = dir.resolve("operator.key");
            ChainKeys.writeKeyFile(key, anvil.devPrivateKeys().getFirst());
            ChainBed bed = new ChainBed(anvil, key);
            // Blocks only with transactions and mine(n): confirmation counts are then exact, not raced by the clock.
            bed.rpc("evm_setIntervalMining", "0");
            bed.rpc("evm_setAutomine", "true");
            return bed;
        } catch (RuntimeException e) {
            anvil.close();
            throw e;
        }
    }

    public ChainConfig chain(int confirmations) {
        return new ChainConfig(anvil.rpcUrl(), keyFile, null, confirmations, Duration.ofMillis(200), null);
    }

    public static EconomicsConfig economics() {
        return EconomicsConfig.DEFAULT.withGenesis(GENESIS);
    }

    /** The test network's configuration, settling on this chain. */
    public java.util.function.UnaryOperator<CoordinatorConfig> settling(int confirmations) {
        return c -> c.withEconomics(economics()).withChain(chain(confirmations));
    }

    public TestNetwork network(Path dir, int confirmations) {
        return new TestNetwork(dir, java.time.InstantSource.system(), settling(confirmations));
    }

    /** The contracts as anvil's dev key {@code index} (1..9) sends; index 0 is the operator. */
    public SettlementContracts as(SettlementContracts contracts, int index) {
        ChainClient c = ChainClient.connect(anvil.rpcUrl(), anvil.devPrivateKeys().get(index));
        clients.add(c);
        return contracts.as(c);
    }

    /** Mints {@code credits} of stable credit to dev key {@code index} (as the operator, StableCredit's owner) and deposits them for {@code account}. */
    public TxReceipt deposit(SettlementContracts operator, int index, String account, String credits) {
        return deposit(operator, index, account, org.gridmint.core.money.Credits.parse(credits));
    }

    public TxReceipt deposit(SettlementContracts operator, int index, String account, org.gridmint.core.money.Credits credits) {
        BigInteger amount = Units.toBaseUnits(credits.micros());
        SettlementContracts depositor = as(operator, index);
        operator.mintStable(ChainKeys.addressOf(anvil.devPrivateKeys().get(index)), amount);
        return depositor.deposit(account, amount);
    }

    public static SettlementContracts contracts(TestNetwork net) {
        return ((EvmSettlement) net.coordinator.settlement()).contracts();
    }

    public void mine(int blocks) {
        anvil.mine(blocks);
    }

    /** A raw JSON-RPC call (what the harness does not wrap); params are JSON literals. */
    public String rpc(String method, String... params) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[" + String.join(",", params) + "]}";
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(anvil.rpcUrl())).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || r.body().contains("\"error\"")) throw new IllegalStateException(method + " failed: " + r.body());
            return r.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (ChainClient c : clients) c.close();
        anvil.close();
    }
}
