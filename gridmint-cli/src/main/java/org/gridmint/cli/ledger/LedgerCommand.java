package org.gridmint.cli.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridmint.api.json.Json;
import org.gridmint.cli.CliException;
import org.gridmint.cli.format.MoneyFormat;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.gridmint.coordinator.store.JdbcStore;
import org.gridmint.coordinator.store.Store;
import org.gridmint.core.ledger.LedgerAudit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridmint ledger}: the operator's tools for the ledger. Not runnable alone. */
@Command(name = "ledger", mixinStandardHelpOptions = true, description = "Audit the coordinator's ledger.",
        subcommands = LedgerCommand.Verify.class)
public final class LedgerCommand {

    /** Exit status when the audit finds a break (1 is kept for "could not run the audit at all"). */
    public static final int BROKEN = 3;

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the ledger in a coordinator's store, reading the store itself rather than trusting a running coordinator: "
                    + "the journal's hash chain, that no posting was made twice, that no balance but the issuer's is negative, that the "
                    + "stored balances are what the journal adds up to (so money is conserved: they sum to what the issuer issued), that "
                    + "every job's escrow balances (held = left + paid + refunded, nothing left once it ended), and that every succeeded "
                    + "task was paid exactly once; with --chain-rpc, that the settlement contract agrees. Safe beside a running coordinator (it reads one consistent snapshot). Exit status: 0 "
                    + "when everything holds, " + BROKEN + " when anything is broken (each break is listed), 1 when the store cannot be read.")
    public static final class Verify implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "gridmint-data/coordinator",
                description = "The coordinator's data dir holding its SQLite store (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(names = "--jdbc-url", paramLabel = "URL", description = "A PostgreSQL JDBC URL to audit instead of the SQLite store in the data dir.")
        String jdbcUrl;

        @Option(names = "--jdbc-user", paramLabel = "USER", description = "PostgreSQL user (with --jdbc-url).")
        String jdbcUser;

        @Option(names = "--jdbc-password-env", paramLabel = "VAR", description = "Name of the environment variable that holds the PostgreSQL password.")
        String jdbcPasswordEnv;

        @Option(names = "--json", description = "Print the report as JSON.")
        boolean json;

        @Option(names = "--chain-rpc", paramLabel = "URL",
                description = "For a coordinator that settles on an EVM chain: also check the chain through this JSON-RPC URL, that every "
                        + "posted epoch's root and totals are the contract's, every on-chain deposit credited is a Deposited log of the same "
                        + "amount, every Deposited log up to the deposit cursor was recorded, credited deposits less withdrawals are what the chain "
                        + "account says, and the contract holds what it owes.")
        String chainRpc;

        @Option(names = "--chain-contract", paramLabel = "ADDR",
                description = "The settlement contract to check against (default: the one the store recorded at its first start, else the "
                        + "one in the data dir's chain.json).")
        String chainContract;

        @Override
        public Integer call() {
            LedgerVerifier.Result result;
            String chainNote = null;
            java.util.List<String> chainFacts = java.util.List.of();
            java.util.List<org.gridmint.coordinator.store.ChainTx.DepositRecord> unroutable;
            try (Store store = open()) {
                result = LedgerVerifier.verify(store);
                // The store knows which contract its deposits and epochs were recorded against; chain.json only helps older stores.
                String contract = chainContract != null ? chainContract : org.gridmint.coordinator.settlement.Settlements.recordedContract(store)
                        .or(() -> org.gridmint.coordinator.settlement.ChainFile.read(dataDir).map(org.gridmint.coordinator.settlement.ChainFile::settlement))
                        .orElse(null);
                if (contract != null && chainRpc == null) {
                    chainNote = "NOTE: this coordinator settles on an EVM chain (contract " + contract + "); pass --chain-rpc URL to check it too";
                } else if (chainRpc != null) {
                    if (contract == null)
                        throw new CliException("error: --chain-rpc: no settlement contract to check (no chain.json in " + dataDir.toAbsolutePath()
                                + "); pass --chain-contract ADDR");
                    var chain = withChain(store, contract);
                    var breaks = new java.util.ArrayList<>(result.breaks());
                    breaks.addAll(chain.breaks());
                    result = new LedgerVerifier.Result(result.journal(), java.util.List.copyOf(breaks));
                    chainFacts = chain.facts();
                }
                unroutable = org.gridmint.coordinator.settlement.EvmChainAudit.unroutable(store);
            }
            var out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.writePretty(result));
            } else {
                LedgerAudit.Report r = result.journal();
                out.println("journal   " + r.entries() + " entries, chain ends at " + r.headHash());
                out.println("issued    " + MoneyFormat.credits(r.issued().toBigDecimal()) + " credits");
                out.println("treasury  " + MoneyFormat.credits(r.treasury().toBigDecimal()) + " credits");
                out.println("accounts  " + r.accounts() + ", jobs with escrow " + r.jobs());
                if (result.ok()) {
                    out.println("OK: the chain holds, nothing was posted twice, no balance is negative, the balances match the journal and add up");
                    out.println("    to what was issued, every job's escrow balances, and every succeeded task was paid exactly once");
                } else {
                    out.println("BROKEN: " + result.breaks().size() + " problem" + (result.breaks().size() == 1 ? "" : "s"));
                    for (LedgerAudit.Break b : result.breaks()) out.println("  " + b);
                }
                // What the chain check found, one line per check that passed (a broken one is among the problems above).
                for (String fact : chainFacts) out.println(fact);
            }
            if (chainNote != null && !json) out.println(chainNote);
            if (!json) {
                for (var d : unroutable)
                    out.println("NOTE: on-chain deposit " + d.reference() + " of " + MoneyFormat.credits(org.gridmint.core.money.Credits.ofMicros(d.amount())
                            .toBigDecimal()) + " credits from " + d.from() + " names no account ('" + d.account() + "'): recorded, not credited; "
                            + "the contract holds it");
            }
            out.flush();
            return result.ok() ? 0 : BROKEN;
        }

        private org.gridmint.coordinator.settlement.EvmChainAudit.Result withChain(Store store, String contract) {
            // Reading needs no key of the operator's: a throwaway one signs nothing.
            try (var client = org.gridmint.chain.ChainClient.connect(chainRpc, org.gridmint.chain.ChainKeys.newPrivateKeyHex())) {
                var contracts = org.gridmint.chain.SettlementContracts.at(client, contract);
                return org.gridmint.coordinator.settlement.EvmChainAudit.audit(store, contracts, depositsAfter(contract));
            } catch (org.gridmint.chain.ChainException | IllegalArgumentException e) {
                throw new CliException("error: cannot check the chain at --chain-rpc " + chainRpc + ": " + e.getMessage());
            }
        }

        /** The block before {@code contract} was deployed, from the data dir's chain.json when it names that contract; else 0 (read from block 0). */
        private long depositsAfter(String contract) {
            try {
                return org.gridmint.coordinator.settlement.ChainFile.read(dataDir).filter(f -> f.settlement().equalsIgnoreCase(contract))
                        .map(org.gridmint.coordinator.settlement.ChainFile::depositsAfter).orElse(0L);
            } catch (RuntimeException e) {
                return 0; // an unreadable chain.json only costs a longer scan
            }
        }

        private Store open() {
            if (jdbcUrl != null) {
                if (!jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:sqlite:"))
                    throw new CliException("error: --jdbc-url must start with jdbc:postgresql: (or jdbc:sqlite:), was '" + jdbcUrl + "'");
                String password = jdbcPasswordEnv == null ? null : System.getenv(jdbcPasswordEnv);
                if (jdbcPasswordEnv != null && password == null)
                    throw new CliException("error: --jdbc-password-env names $" + jdbcPasswordEnv + ", which is not set");
                return JdbcStore.open(jdbcUrl, jdbcUser, password);
            }
            // Opening would create an empty store: a mistyped path must not pass as a clean ledger.
            if (!Files.isRegularFile(dataDir.resolve(JdbcStore.SQLITE_FILE)))
                throw new CliException("error: no coordinator store in " + dataDir.toAbsolutePath() + " (expected " + JdbcStore.SQLITE_FILE
                        + "); pass the coordinator's --data-dir, or --jdbc-url");
            return JdbcStore.sqlite(dataDir);
        }
    }
}
