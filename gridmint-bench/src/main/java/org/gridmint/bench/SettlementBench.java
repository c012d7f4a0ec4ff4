package org.gridmint.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.gridmint.chain.ChainClient;
import org.gridmint.chain.Deployment;
import org.gridmint.chain.SettlementContracts;
import org.gridmint.chain.TxReceipt;
import org.gridmint.chain.Units;
import org.gridmint.chain.testing.Anvil;
import org.gridmint.core.economics.Tokens;

/**
 * On-chain settlement cost with the real contracts on a local anvil chain: for each number of payout addresses P, N task
 * payments are netted into one Merkle root that the operator posts in ONE transaction; payees claim their leaves (all of
 * them up to --claims, else a sample spread over the tree), in a first epoch (fresh addresses) and a second one (the same
 * addresses again: the steady state). Gas is exact EVM gas, the same on any machine; dollars follow from the stated gas
 * and ETH prices. Compared with paying each task by one ERC-20 transfer. See BENCHMARKS.md, "On-chain settlement (issue 7)".
 */
public final class SettlementBench {
    static final String USAGE = """
            Usage: SettlementBench [--payments N] [--payees P1,P2,...] [--claims K] [--gwei G1,G2,...] [--eth-usd X] [--seed S]
              --payments N   task payments per epoch (default 5000)
              --payees  P..  payout addresses to net them over, one run each (default 10,100,1000)
              --claims  K    claims measured per epoch: all leaves when P <= K, else K spread over the tree (default 100)
              --gwei    G..  gas prices to cost the gas at, in gwei (default 0.05,1,20)
              --eth-usd X    the ETH price assumed, in USD (default 3000); 1 credit = 1 USD
              --seed    S    seed of the payments and addresses (default 7)
            Needs anvil (cd chain && npm ci); run from the repository root.
            """;
    private static final long EPOCH_SECONDS = 3600;
    private static final Tokens EMISSION = Tokens.ofMicros(1000 * Tokens.MICROS_PER_TOKEN);

    record Options(int payments, List<Integer> payees, int claims, List<BigDecimal> gwei, BigDecimal ethUsd, long seed) {
        static Options parse(String... args) {
            int payments = 5000, claims = 100;
            List<Integer> payees = List.of(10, 100, 1000);
            List<BigDecimal> gwei = List.of(new BigDecimal("0.05"), BigDecimal.ONE, new BigDecimal("20"));
            BigDecimal ethUsd = new BigDecimal("3000");
            long seed = 7;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value");
                String v = args[++i];
                switch (flag) {
                    case "--payments" -> payments = Integer.parseInt(v);
                    case "--payees" -> payees = Arrays.stream(v.split(",")).map(String::strip).map(Integer::parseInt).toList();
                    case "--claims" -> claims = Integer.parseInt(v);
                    case "--gwei" -> gwei = Arrays.stream(v.split(",")).map(String::strip).map(BigDecimal::new).toList();
                    case "--eth-usd" -> ethUsd = new BigDecimal(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            for (int p : payees) if (p < 1 || p > payments) throw new IllegalArgumentException("--payees: each P must be 1.." + payments + ", was " + p);
            if (claims < 1) throw new IllegalArgumentException("--claims must be >= 1");
            return new Options(payments, payees, claims, gwei, ethUsd, seed);
        }
    }

    /** What one epoch of one run measured. */
    record EpochRun(long depositGas, long postGas, List<Long> claimGas, int minProof, int maxProof, BigDecimal valueUsd) {}

    private SettlementBench() {}

    public static void main(String[] args) {
        if (List.of(args).contains("--help")) {
            System.out.print(USAGE);
            return;
        }
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (Anvil.binary().isEmpty()) {
            System.err.println("error: " + Anvil.unavailableReason());
            System.exit(2);
        }
        long started = System.nanoTime();
        try (Anvil anvil = Anvil.start();
                ChainClient operator = ChainClient.connect(anvil.rpcUrl(), anvil.devPrivateKeys().get(0));
                ChainClient client = ChainClient.connect(anvil.rpcUrl(), anvil.devPrivateKeys().get(1));
                ChainClient claimer = ChainClient.connect(anvil.rpcUrl(), anvil.devPrivateKeys().get(2))) {
            System.out.printf(Locale.ROOT, "On-chain settlement on anvil (%s): %d task payments per epoch, ETH at $%s, 1 credit = $1%n%n",
                    anvil.rpcUrl(), o.payments(), o.ethUsd().toPlainString());
            long[] transfers = transferGas(operator, client);
            System.out.printf(Locale.ROOT, "ERC-20 transfer of credits: %,d gas to a fresh address, %,d gas to an address that holds some (median of 20 each)%n%n",
                    transfers[0], transfers[1]);
            for (int p : o.payees()) {
                Random random = new Random(o.seed() * 1_000_003 + p);
                List<String> payees = SettlementBatch.addresses(p, random);
                SettlementContracts contracts = SettlementContracts.deploy(operator, new Deployment(latestTimestamp(anvil) - 10 * EPOCH_SECONDS,
                        EPOCH_SECONDS, Units.toBaseUnits(EMISSION.micros()), 8760));
                List<Integer> sample = SettlementBatch.sample(p, o.claims());
                EpochRun first = runEpoch(contracts, client, claimer, SettlementBatch.generate(1, o.payments(), payees, EMISSION, random), sample);
                EpochRun second = runEpoch(contracts, client, claimer, SettlementBatch.generate(2, o.payments(), payees, EMISSION, random), sample);
                report(o, p, sample.size(), transfers, first, "first epoch (every payee new)", true);
                report(o, p, sample.size(), transfers, second, "second epoch (same payees again)", false);
            }
        }
        System.out.printf(Locale.ROOT, "elapsed %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** Deposits the batch's credits (the client's side), posts the root (one operator tx), claims the sample and checks the balances. */
    static EpochRun runEpoch(SettlementContracts contracts, ChainClient client, ChainClient claimer, SettlementBatch batch, List<Integer> sample) {
        SettlementContracts asClient = contracts.as(client);
        contracts.mintStable(client.address(), batch.credits());
        long block = client.blockNumber();
        asClient.deposit("acct-bench-client", batch.credits());
        long depositGas = 0;
        for (var d : contracts.deposits(block + 1, client.blockNumber())) depositGas += gasOf(client, d.txHash());
        depositGas += approvalGas(client, block + 1);
        TxReceipt post = contracts.postEpoch(batch.epoch(), batch.tree().root(), batch.credits(), batch.tokens());
        SettlementContracts asClaimer = contracts.as(claimer);
        List<Long> gas = new ArrayList<>();
        int minProof = Integer.MAX_VALUE, maxProof = 0;
        for (int i : sample) {
            SettlementBatch.Leaf leaf = batch.leaves().get(i);
            List<byte[]> proof = batch.tree().proof(i);
            BigInteger creditsBefore = contracts.stableBalance(leaf.address());
            BigInteger tokensBefore = contracts.gridBalance(leaf.address());
            gas.add(asClaimer.claim(batch.epoch(), leaf.address(), leaf.credits(), leaf.tokens(), proof).gasUsed().longValueExact());
            if (!contracts.stableBalance(leaf.address()).subtract(creditsBefore).equals(leaf.credits())
                    || !contracts.gridBalance(leaf.address()).subtract(tokensBefore).equals(leaf.tokens())) {
                throw new IllegalStateException("claim of " + leaf.address() + " paid other amounts than its leaf");
            }
            minProof = Math.min(minProof, proof.size());
            maxProof = Math.max(maxProof, proof.size());
        }
        BigDecimal value = new BigDecimal(batch.credits()).movePointLeft(18);
        return new EpochRun(depositGas, post.gasUsed().longValueExact(), gas, minProof, maxProof, value);
    }

    static void report(Options o, int p, int claimed, long[] transfers, EpochRun r, String label, boolean firstEpoch) {
        long median = SettlementCosts.median(r.claimGas());
        long mean = SettlementCosts.mean(r.claimGas());
        long min = r.claimGas().stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = r.claimGas().stream().mapToLong(Long::longValue).max().orElseThrow();
        // every payee claims once: the measured claims when all were claimed, else P x the sample's mean
        long claimsGas = (long) p * mean;
        long settlementGas = r.depositGas() + r.postGas() + claimsGas;
        long directGas = firstEpoch ? p * transfers[0] + (long) (o.payments() - p) * transfers[1] : (long) o.payments() * transfers[1];
        System.out.printf(Locale.ROOT, "P = %d payees, %s: %,d task payments in 1 operator transaction (postEpoch %,d gas = %.1f gas per payment); value paid $%s%n",
                p, label, o.payments(), r.postGas(), (double) r.postGas() / o.payments(), r.valueUsd().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
        System.out.printf(Locale.ROOT, "  claims measured %d of %d: gas min %,d / median %,d / max %,d (proofs of %d..%d hashes); client approve+deposit %,d gas%n",
                claimed, p, min, median, max, r.minProof(), r.maxProof(), r.depositGas());
        System.out.printf(Locale.ROOT, "  settlement gas %,d (= deposit + post + %d claims x %,d) = %,.0f gas per task payment; direct transfers %,d gas = %,.0f per payment%n",
                settlementGas, p, mean, (double) settlementGas / o.payments(), directGas, (double) directGas / o.payments());
        StringBuilder line = new StringBuilder("  cost share of value paid:");
        for (BigDecimal g : o.gwei()) {
            BigDecimal cost = SettlementCosts.usd(settlementGas, g, o.ethUsd());
            BigDecimal direct = SettlementCosts.usd(directGas, g, o.ethUsd());
            line.append(String.format(Locale.ROOT, " @%s gwei: settlement %s (%s), direct %s (%s);", g.toPlainString(),
                    SettlementCosts.dollars(cost), SettlementCosts.percent(SettlementCosts.share(cost, r.valueUsd())),
                    SettlementCosts.dollars(direct), SettlementCosts.percent(SettlementCosts.share(direct, r.valueUsd()))));
        }
        System.out.println(line);
        System.out.printf(Locale.ROOT, "RESULT payees=%d epoch=%s payments=%d payments_per_operator_tx=%d post_gas=%d claim_gas_min=%d claim_gas_median=%d "
                        + "claim_gas_max=%d claims_measured=%d deposit_gas=%d settlement_gas=%d direct_gas=%d value_usd=%s%n%n",
                p, firstEpoch ? "first" : "second", o.payments(), o.payments(), r.postGas(), min, median, max, claimed, r.depositGas(), settlementGas,
                directGas, r.valueUsd().toPlainString());
    }

    /** Gas of an ERC-20 transfer to a fresh address and to one that already holds a balance: medians of 20 each. */
    static long[] transferGas(ChainClient operator, ChainClient client) {
        SettlementContracts c = SettlementContracts.deploy(operator, new Deployment(0, EPOCH_SECONDS, BigInteger.ZERO, 1));
        c.mintStable(client.address(), Units.toBaseUnits(1_000_000));
        SettlementContracts asClient = c.as(client);
        List<String> to = SettlementBatch.addresses(20, new Random(1));
        List<Long> fresh = new ArrayList<>(), warm = new ArrayList<>();
        for (String a : to) fresh.add(asClient.transferStable(a, Units.toBaseUnits(1000)).gasUsed().longValueExact());
        for (String a : to) warm.add(asClient.transferStable(a, Units.toBaseUnits(1000)).gasUsed().longValueExact());
        return new long[] {SettlementCosts.median(fresh), SettlementCosts.median(warm)};
    }

    private static long gasOf(ChainClient client, String txHash) {
        try {
            return client.web3j().ethGetTransactionReceipt(txHash).send().getTransactionReceipt().orElseThrow().getGasUsed().longValueExact();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The approval the deposit needed: the client's other transaction in the deposit's blocks. */
    private static long approvalGas(ChainClient client, long fromBlock) {
        long gas = 0;
        try {
            for (long b = fromBlock; b <= client.blockNumber(); b++) {
                var block = client.web3j().ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.valueOf(b)), true).send().getBlock();
                for (var tx : block.getTransactions()) {
                    var t = (org.web3j.protocol.core.methods.response.Transaction) tx.get();
                    if (t.getFrom().equalsIgnoreCase(client.address()) && t.getInput().startsWith("0x095ea7b3")) gas += gasOf(client, t.getHash());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return gas;
    }

    private static long latestTimestamp(Anvil anvil) {
        return Long.decode(anvil.rpc("eth_getBlockByNumber", "latest", false).get("timestamp").asText());
    }
}
