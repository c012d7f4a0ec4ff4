package org.gridmint.cli.serve;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gridmint.cli.CliException;
import org.gridmint.cli.DurationConverter;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gridmint coordinator}: runs a coordinator until SIGTERM or Ctrl-C. */
@Command(name = "coordinator", mixinStandardHelpOptions = true,
        description = {"Run a coordinator: the HTTP API under /api/v1 for clients and provider agents.",
                "Everything it accepts is committed to its store before it answers, so it can be killed at any moment",
                "and restarted on the same data dir without losing a job, task, attempt outcome or result."})
public final class CoordinatorCommand implements Callable<Integer> {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CoordinatorCommand.class);

    @Spec CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = CoordinatorConfig.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7070",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "gridmint-data/coordinator",
            description = "Where the SQLite store (WAL) and blobs live; created if missing (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "How often agents heartbeat; a lease lasts 2.5 intervals, so a dead agent's work is requeued within 3 "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration heartbeat;

    @Option(names = "--max-blob-mb", paramLabel = "MB", defaultValue = "256",
            description = "Largest job file, output or log accepted, in MiB; larger uploads get HTTP 413 (default: ${DEFAULT-VALUE}).")
    long maxBlobMb;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "A PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB) to use instead of SQLite in the data dir.")
    String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "PostgreSQL user (with --jdbc-url).")
    String jdbcUser;

    @Option(names = "--jdbc-password-env", paramLabel = "VAR",
            description = "Name of the environment variable that holds the PostgreSQL password (kept off the command line).")
    String jdbcPasswordEnv;

    @Option(names = "--fee", paramLabel = "PERCENT", defaultValue = "1%",
            // %% because picocli formats descriptions: a bare % printed a "Could not format" warning instead of the text.
            description = "The protocol fee taken from each task payment for the treasury, 0%% to 50%%, e.g. 1%% or 0.5%% (default: 1%%).")
    String fee;

    @Option(names = "--dev-faucet",
            description = "Dev mode: anyone may take test credits with `gridmint wallet faucet`, and the operator (this data "
                    + "dir's key) may mint with `gridmint wallet mint`. Never on a network that handles real money. With --chain-rpc, "
                    + "credits so made are not backed on-chain by a deposit: before posting an epoch that pays them out, the operator "
                    + "transfers what the settlement contract lacks (minting it first when this coordinator deployed the test stable token; "
                    + "otherwise it must hold it, and the epoch waits).")
    boolean devFaucet;

    @Option(names = "--slash-share", paramLabel = "PERCENT", defaultValue = "50%",
            description = "The share of its stake a provider loses when its result loses a verdict that others formed, 0%% to 100%% "
                    + "(default: 50%%).")
    String slashShare;

    @Option(names = "--slash-client-share", paramLabel = "PERCENT", defaultValue = "50%",
            description = "The share of a slash that compensates the client for the verification; the rest goes to the treasury, "
                    + "0%% to 100%% (default: 50%%).")
    String slashClientShare;

    @Option(names = "--slash-quarantine", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
            description = "How long a slashed provider gets no work, 0s to 365d (default: ${DEFAULT-VALUE}).")
    Duration slashQuarantine;

    @Option(names = "--unbonding-period", paramLabel = "DURATION", defaultValue = "7d", converter = DurationConverter.class,
            description = "How long unstaked credits stay in the stake, where a slash still reaches them, before they return; and "
                    + "never while a result of the provider awaits its verdict, 0s to 365d (default: ${DEFAULT-VALUE}).")
    Duration unbondingPeriod;

    @Option(names = "--default-min-stake", paramLabel = "CREDITS", defaultValue = "0",
            description = "The minimum provider stake for jobs that name no minStake but may cost more than --min-stake-above; "
                    + "0 for none (default: ${DEFAULT-VALUE}).")
    java.math.BigDecimal defaultMinStake;

    @Option(names = "--min-stake-above", paramLabel = "CREDITS", defaultValue = "0",
            description = "Jobs whose maximum cost (tasks × timeout × maxPrice) is above this get --default-min-stake "
                    + "(default: ${DEFAULT-VALUE}).")
    java.math.BigDecimal minStakeAbove;

    @Option(names = "--gateway-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a provider may take to answer an online gateway call before it is retried on another provider, "
                    + "10ms to 10m (default: " + org.gridmint.coordinator.gateway.GatewayConfig.DEFAULT_CALL_TIMEOUT_SECONDS + "s).")
    Duration gatewayTimeout;

    @Option(names = "--gateway-max-items", paramLabel = "N",
            description = "The most inputs one POST /v1/embeddings request may carry, 1 to " + org.gridmint.coordinator.gateway.GatewayConfig.MAX_ITEMS + ", OpenAI's limit (default: "
                    + org.gridmint.coordinator.gateway.GatewayConfig.DEFAULT_MAX_ITEMS + ").")
    Integer gatewayMaxItems;

    @Option(names = "--chain-rpc", paramLabel = "URL",
            description = "Settle on an EVM chain through this JSON-RPC URL (http or https): each epoch's payouts are posted to the "
                    + "settlement contract as one Merkle root, and deposits to it are credited here. Needs --chain-key. Without it the "
                    + "settlement is embedded: balances stay in this coordinator's ledger.")
    String chainRpc;

    @Option(names = "--chain-key", paramLabel = "FILE",
            description = "The operator's secp256k1 private key (64 hex digits in a file; `gridmint chain keygen` makes one): it deploys "
                    + "the contracts on first start, posts epochs and pays their gas, and backs network-issued credits (verification "
                    + "subsidies, dev credits) that a batch pays out with stable credits of its own. Needs --chain-rpc.")
    Path chainKey;

    @Option(names = "--chain-contract", paramLabel = "ADDR",
            description = "Attach to this settlement contract (0x address) instead of the one in the data dir's chain.json; with "
                    + "neither, the first start deploys the contracts and writes chain.json. Its genesis, epoch, emission and operator "
                    + "must equal this coordinator's, or it refuses to start.")
    String chainContract;

    @Option(names = "--confirmations", paramLabel = "N", defaultValue = "" + org.gridmint.coordinator.settlement.ChainConfig.DEFAULT_CONFIRMATIONS,
            description = "Blocks a deposit must be buried under before it is credited, 1 to 1000; a reorganization shallower than "
                    + "this never credits a deposit twice or one that vanished (default: ${DEFAULT-VALUE}).")
    int confirmations;

    @Option(names = "--chain-poll", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "How often the chain is read for new deposits, 100ms to 10m (default: ${DEFAULT-VALUE}).")
    Duration chainPoll;

    @Option(names = "--chain-public-rpc", paramLabel = "URL",
            description = "The JSON-RPC URL that clients are told to send their deposits and claims to (GET /api/v1/chain), when "
                    + "--chain-rpc is private (default: --chain-rpc).")
    String chainPublicRpc;

    /** The chain settings from the flags, or null for the embedded settlement; a bad one is an error naming its flag. */
    public org.gridmint.coordinator.settlement.ChainConfig chainConfig() {
        if (chainRpc == null && chainKey == null) {
            for (String[] f : new String[][] {{"--chain-contract", chainContract}, {"--chain-public-rpc", chainPublicRpc}})
                if (f[1] != null) throw usage(f[0] + " needs --chain-rpc and --chain-key (settlement on an EVM chain)");
            return null;
        }
        if (chainRpc == null) throw usage("--chain-key needs --chain-rpc URL: the chain the key settles on");
        if (chainKey == null)
            throw usage("--chain-rpc needs --chain-key FILE: the operator's private key, which posts epochs and pays their gas "
                    + "(`gridmint chain keygen` makes one)");
        if (chainPublicRpc != null && !(chainPublicRpc.startsWith("http://") || chainPublicRpc.startsWith("https://")))
            throw new CliException("error: --chain-public-rpc must be an http(s) JSON-RPC URL, was " + chainPublicRpc);
        try {
            return new org.gridmint.coordinator.settlement.ChainConfig(chainRpc, chainKey.toAbsolutePath(), chainContract, confirmations, chainPoll,
                    chainPublicRpc);
        } catch (IllegalArgumentException e) {
            throw new CliException("error: " + e.getMessage());
        }
    }

    @Option(names = "--epoch", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
            description = "The length of an epoch, whole seconds from 1s to 31d: each epoch's emission rewards the verified work of its providers, "
                    + "and on a chain each epoch settles in one batch (default: ${DEFAULT-VALUE}). Fixed at the network's first start.")
    Duration epoch;

    @Option(names = "--genesis", paramLabel = "INSTANT",
            description = "The start of epoch 0, an ISO-8601 instant in whole seconds, e.g. 2026-12-01T00:00:00Z (default: this coordinator's "
                    + "first start). Kept in the store: a different value on a store that has one is refused.")
    String genesis;

    @Option(names = "--emission-initial", paramLabel = "GRID", defaultValue = "1000",
            description = "GRID minted per epoch before the first halving, shared by the epoch's verified work (default: ${DEFAULT-VALUE}). "
                    + "An epoch without verified work mints nothing. Fixed at the network's first start.")
    String emissionInitial;

    @Option(names = "--emission-halving", paramLabel = "EPOCHS", defaultValue = "8760",
            description = "Epochs between halvings of the emission, at least 1 (default: ${DEFAULT-VALUE}, a year of one-hour epochs). "
                    + "Fixed at the network's first start.")
    String emissionHalving;

    @Option(names = "--emission-treasury-share", paramLabel = "PERCENT", defaultValue = "10%",
            description = "The treasury's share of each epoch's emission, 0%% to 100%% in steps of 0.01%% (default: 10%%).")
    String treasuryShare;

    @Option(names = "--grid-price", paramLabel = "CREDITS", defaultValue = "0.05",
            description = "The reference price of one GRID in credits, at which the network report values emissions beside revenue, >= 0 "
                    + "(default: ${DEFAULT-VALUE}).")
    String gridPrice;

    /** The economics from the flags; each bad one is an error naming its flag. */
    public org.gridmint.coordinator.economics.EconomicsConfig economicsConfig() {
        java.time.Instant genesisAt = null;
        if (genesis != null) {
            try {
                genesisAt = java.time.Instant.parse(genesis.strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw new CliException("error: --genesis must be an ISO-8601 instant such as 2026-12-01T00:00:00Z, was '" + genesis + "'");
            }
        }
        org.gridmint.core.economics.Tokens initial;
        try {
            initial = org.gridmint.core.economics.Tokens.parse(emissionInitial);
        } catch (IllegalArgumentException e) {
            throw new CliException("error: --emission-initial: " + e.getMessage());
        }
        long halving;
        try {
            halving = Long.parseLong(emissionHalving.strip());
        } catch (NumberFormatException e) {
            throw new CliException("error: --emission-halving must be a whole number of epochs, was '" + emissionHalving + "'");
        }
        java.math.BigDecimal price;
        try {
            price = new java.math.BigDecimal(gridPrice.strip());
        } catch (NumberFormatException e) {
            throw new CliException("error: --grid-price must be a number of credits, e.g. 0.05, was '" + gridPrice + "'");
        }
        try {
            var schedule = new org.gridmint.core.economics.EmissionSchedule(initial, halving);
            return new org.gridmint.coordinator.economics.EconomicsConfig(epoch, genesisAt, schedule, basisPoints(treasuryShare, "--emission-treasury-share"),
                    price);
        } catch (IllegalArgumentException e) {
            throw new CliException("error: " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A percentage in basis points: 10% is 1000; finer than 0.01% is an error naming the flag. */
    private static int basisPoints(String text, String flag) {
        String t = text.strip();
        if (t.endsWith("%")) t = t.substring(0, t.length() - 1).strip();
        try {
            java.math.BigDecimal p = new java.math.BigDecimal(t);
            if (p.signum() < 0 || p.compareTo(java.math.BigDecimal.valueOf(100)) > 0) throw new NumberFormatException();
            return p.movePointRight(2).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CliException("error: " + flag + " must be a percentage from 0% to 100% in steps of 0.01%, e.g. 10%, was '" + text + "'");
        }
    }

    /** The gateway settings from the flags (the defaults are GatewayConfig's); a bad one is an error naming its flag. */
    public org.gridmint.coordinator.gateway.GatewayConfig gatewayConfig() {
        var g = org.gridmint.coordinator.gateway.GatewayConfig.DEFAULT;
        if (gatewayTimeout != null) g = g.withCallTimeout(gatewayTimeout);
        if (gatewayMaxItems != null) g = g.withMaxItems(gatewayMaxItems);
        return g;
    }

    /** The stake settings from the flags; each bad one is an error naming its flag. */
    public org.gridmint.coordinator.stake.StakeConfig stakeConfig() {
        double share = percent(slashShare, "--slash-share");
        double clientShare = percent(slashClientShare, "--slash-client-share");
        var terms = new org.gridmint.core.verify.SlashTerms(share, clientShare);
        return new org.gridmint.coordinator.stake.StakeConfig(terms, slashQuarantine, unbondingPeriod, credits(defaultMinStake, "--default-min-stake"),
                credits(minStakeAbove, "--min-stake-above"));
    }

    private static double percent(String text, String flag) {
        String t = text.strip();
        if (t.endsWith("%")) t = t.substring(0, t.length() - 1).strip();
        try {
            java.math.BigDecimal p = new java.math.BigDecimal(t);
            if (p.signum() < 0 || p.compareTo(java.math.BigDecimal.valueOf(100)) > 0) throw new NumberFormatException();
            return p.movePointLeft(2).doubleValue();
        } catch (NumberFormatException e) {
            throw new CliException("error: " + flag + " must be a percentage from 0% to 100%, e.g. 50%, was '" + text + "'");
        }
    }

    private static org.gridmint.core.money.Credits credits(java.math.BigDecimal value, String flag) {
        try {
            org.gridmint.core.money.Credits c = org.gridmint.core.money.Credits.of(value);
            if (c.isNegative()) throw new IllegalArgumentException("must be >= 0, was " + value.toPlainString());
            return c;
        } catch (IllegalArgumentException e) {
            throw new CliException("error: " + flag + ": " + e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        if (maxBlobMb < 1 || maxBlobMb > 1024 * 1024) throw new CliException("error: --max-blob-mb must be between 1 and 1048576, was " + maxBlobMb);
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:sqlite:"))
            throw new CliException("error: --jdbc-url must start with jdbc:postgresql: (or jdbc:sqlite:), was '" + jdbcUrl + "'");
        String password = jdbcPasswordEnv == null ? null : System.getenv(jdbcPasswordEnv);
        if (jdbcPasswordEnv != null && password == null)
            throw new CliException("error: --jdbc-password-env names $" + jdbcPasswordEnv + ", which is not set");
        org.gridmint.core.ledger.FeeRate feeRate;
        try {
            feeRate = org.gridmint.core.ledger.FeeRate.parsePercent(fee);
        } catch (IllegalArgumentException e) {
            throw new CliException("error: --fee: " + e.getMessage());
        }
        var economics = economicsConfig();
        CoordinatorConfig config;
        try {
            config = new CoordinatorConfig(host, port, dataDir.toAbsolutePath(), jdbcUrl, jdbcUser, password, heartbeat,
                    CoordinatorConfig.DEFAULT_MAX_BODY, maxBlobMb * 1024 * 1024, feeRate, devFaucet, stakeConfig()).withGateway(gatewayConfig())
                    .withEconomics(economics)
                    .withChain(chainConfig());
        } catch (IllegalArgumentException e) {
            throw new CliException("error: " + e.getMessage());
        }
        log.info("stake: slash {} of a stake ({} of it to the client), quarantine {}, unbonding {}, min stake {} for jobs above {}", slashShare,
                slashClientShare, slashQuarantine, unbondingPeriod, defaultMinStake.toPlainString(), minStakeAbove.toPlainString());
        var stopped = new CountDownLatch(1);
        Coordinator coordinator;
        try {
            coordinator = new Coordinator(config, InstantSource.system()).start();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.net.BindException)
                    throw new CliException("error: cannot listen on " + host + ":" + port + ": the address is in use (choose another --port, or 0 for any free one)");
            }
            if (e instanceof org.gridmint.coordinator.settlement.SettlementException s) throw new CliException("error: " + s.getMessage());
            // A flag that contradicts the network's store (e.g. another --genesis) is the user's to fix, not a crash.
            if (e instanceof IllegalArgumentException) throw new CliException("error: " + e.getMessage());
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            coordinator.close();
            stopped.countDown();
        }, "gridmint-shutdown"));
        // Scripts and tests wait for this line to know the coordinator is listening, and on which port.
        System.out.println("coordinator listening on " + coordinator.url());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
