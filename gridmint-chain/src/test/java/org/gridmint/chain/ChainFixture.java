package org.gridmint.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.chain.testing.Anvil;
import org.gridmint.chain.testing.RequiresAnvil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One anvil per test class, fresh contracts per test: the operator (dev key 0) deploys with a genesis an hour ago and
 * one-minute epochs (so epochs 0..58 are over), 1000 GRID per epoch halving every 2 epochs. Skipped, with the reason on the console, without anvil.
 */
@RequiresAnvil
abstract class ChainFixture {
    static final BigInteger CREDIT = Units.toBaseUnits(1_000_000);
    static final BigInteger INITIAL_EMISSION = Units.toBaseUnits(1000 * 1_000_000L);
    static final long HALVING_EPOCHS = 2;

    static Anvil anvil;
    final List<ChainClient> clients = new ArrayList<>();
    ChainClient operatorClient;
    SettlementContracts contracts;
    long genesis;

    @BeforeAll
    static void startAnvil() {
        anvil = Anvil.start();
    }

    @AfterAll
    static void stopAnvil() {
        if (anvil != null) anvil.close();
        anvil = null;
    }

    @BeforeEach
    void deploy() {
        operatorClient = client(0);
        genesis = latestTimestamp() - 3600;
        contracts = SettlementContracts.deploy(operatorClient, new Deployment(genesis, 60, INITIAL_EMISSION, HALVING_EPOCHS));
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ChainClient::close);
        clients.clear();
    }

    ChainClient client(int devKey) {
        ChainClient c = ChainClient.connect(anvil.rpcUrl(), anvil.devPrivateKeys().get(devKey));
        clients.add(c);
        return c;
    }

    long latestTimestamp() {
        return Long.decode(anvil.rpc("eth_getBlockByNumber", "latest", false).get("timestamp").asText());
    }

    static BigInteger credits(long whole) {
        return CREDIT.multiply(BigInteger.valueOf(whole));
    }

    /** Mints {@code amount} to dev key {@code devKey} and deposits it from there for {@code account}. */
    TxReceipt fundAndDeposit(int devKey, String account, BigInteger amount) {
        ChainClient payer = client(devKey);
        contracts.mintStable(payer.address(), amount);
        return contracts.as(payer).deposit(account, amount);
    }
}
