package org.gridmint.coordinator;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a coordinator runs: where it listens, where it keeps its data, and its timing.
 *
 * @param port 0 picks a free port
 * @param jdbcUrl null for the embedded SQLite store in {@code dataDir}; else a PostgreSQL JDBC URL
 * @param heartbeatInterval how often agents heartbeat; a lease lasts {@link #LEASE_INTERVALS} intervals
 * @param maxBodyBytes the largest JSON request body
 * @param maxBlobBytes the largest blob (job file, output or log)
 * @param fee the protocol's fee on each task payment
 * @param devFaucet dev mode: anyone may take credits from the faucet, and the operator may mint
 * @param stake slashing, unbonding and minimum stake
 * @param verifySeed the seed of the generator that draws verification plans (spot checks, adaptive replication); null
 *     seeds it from SecureRandom, as production does: a provider must not be able to predict which results are checked
 * @param gateway the online gateway's timeout and limits
 * @param economics epochs, the emission schedule, the treasury's share and GRID's reference price
 * @param chain the EVM chain that settles epochs and takes deposits; null for the embedded settlement (the default)
 */
public record CoordinatorConfig(
        String host,
        int port,
        Path dataDir,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        Duration heartbeatInterval,
        long maxBodyBytes,
        long maxBlobBytes,
        org.gridmint.core.ledger.FeeRate fee,
        boolean devFaucet,
        org.gridmint.coordinator.stake.StakeConfig stake,
        Long verifySeed,
        org.gridmint.coordinator.gateway.GatewayConfig gateway,
        org.gridmint.coordinator.economics.EconomicsConfig economics,
        org.gridmint.coordinator.settlement.ChainConfig chain) {

    /** Lease length in heartbeat intervals: with the expiry loop's period, a dead agent is found within 3 intervals. */
    public static final double LEASE_INTERVALS = 2.5;

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7070;
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);
    public static final long DEFAULT_MAX_BODY = 4L * 1024 * 1024;
    public static final long DEFAULT_MAX_BLOB = 256L * 1024 * 1024;

    public CoordinatorConfig {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("--host must not be empty");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be between 0 and 65535, was " + port);
        if (dataDir == null) throw new IllegalArgumentException("--data-dir is required");
        if (heartbeatInterval == null || heartbeatInterval.toMillis() < 100 || heartbeatInterval.toMinutes() > 10)
            throw new IllegalArgumentException("--heartbeat must be between 100ms and 10m, was " + heartbeatInterval);
        if (maxBodyBytes < 1024) throw new IllegalArgumentException("max body size must be >= 1024 bytes, was " + maxBodyBytes);
        if (maxBlobBytes < 1024) throw new IllegalArgumentException("--max-blob-mb must be >= 1 KiB, was " + maxBlobBytes);
        if (fee == null) throw new IllegalArgumentException("--fee is required");
        if (stake == null) throw new IllegalArgumentException("the stake settings are required");
        if (gateway == null) throw new IllegalArgumentException("the gateway settings are required");
        if (economics == null) throw new IllegalArgumentException("the economics settings are required");
    }

    /** A configuration with the default economics and the embedded settlement. */
    public CoordinatorConfig(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword, Duration heartbeatInterval,
                             long maxBodyBytes, long maxBlobBytes, org.gridmint.core.ledger.FeeRate fee, boolean devFaucet,
                             org.gridmint.coordinator.stake.StakeConfig stake, Long verifySeed, org.gridmint.coordinator.gateway.GatewayConfig gateway) {
        this(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, heartbeatInterval, maxBodyBytes, maxBlobBytes, fee, devFaucet, stake, verifySeed,
                gateway, org.gridmint.coordinator.economics.EconomicsConfig.DEFAULT, null);
    }

    /** A configuration with the default gateway settings. */
    public CoordinatorConfig(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword, Duration heartbeatInterval,
                             long maxBodyBytes, long maxBlobBytes, org.gridmint.core.ledger.FeeRate fee, boolean devFaucet,
                             org.gridmint.coordinator.stake.StakeConfig stake, Long verifySeed) {
        this(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, heartbeatInterval, maxBodyBytes, maxBlobBytes, fee, devFaucet, stake, verifySeed,
                org.gridmint.coordinator.gateway.GatewayConfig.DEFAULT);
    }

    /** A configuration whose verification draws are seeded from SecureRandom. */
    public CoordinatorConfig(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword, Duration heartbeatInterval,
                             long maxBodyBytes, long maxBlobBytes, org.gridmint.core.ledger.FeeRate fee, boolean devFaucet,
                             org.gridmint.coordinator.stake.StakeConfig stake) {
        this(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, heartbeatInterval, maxBodyBytes, maxBlobBytes, fee, devFaucet, stake, null);
    }

    /** A configuration with the default stake settings. */
    public CoordinatorConfig(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword, Duration heartbeatInterval,
                             long maxBodyBytes, long maxBlobBytes, org.gridmint.core.ledger.FeeRate fee, boolean devFaucet) {
        this(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, heartbeatInterval, maxBodyBytes, maxBlobBytes, fee, devFaucet,
                org.gridmint.coordinator.stake.StakeConfig.DEFAULT);
    }

    public static CoordinatorConfig defaults(Path dataDir) {
        return new CoordinatorConfig(DEFAULT_HOST, DEFAULT_PORT, dataDir, null, null, null, DEFAULT_HEARTBEAT, DEFAULT_MAX_BODY, DEFAULT_MAX_BLOB,
                org.gridmint.core.ledger.FeeRate.DEFAULT, false);
    }

    public CoordinatorConfig withPort(int p) {
        return new CoordinatorConfig(host, p, dataDir, jdbcUrl, jdbcUser, jdbcPassword, heartbeatInterval, maxBodyBytes, maxBlobBytes, fee, devFaucet, stake, verifySeed, gateway, economics, chain);
    }

    public CoordinatorConfig withHeartbeat(Duration d) {
        return new CoordinatorConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, d, maxBodyBytes, maxBlobBytes, fee, devFaucet, stake, verifySeed, gateway, economics, chain);
    }

    public CoordinatorConfig withMaxBlobBytes(long b) {
        return new CoordinatorConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, heartbeatInterval, maxBodyBytes, b, fee, devFaucet, stake, verifySeed, gateway, economics, chain);
    }

    public CoordinatorConfig withJdbc(String url, String user, String password) {
        return new CoordinatorConfig(host, port, dataDir, url, user, password, heartbeatInterval, maxBodyBytes, maxBlobBytes, fee, devFaucet, stake, verifySeed, gateway, economics, chain);
    }

    public CoordinatorConfig withFee(org.gridmint.core.ledger.FeeRate f) {
        return new CoordinatorConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, heartbeatInterval, maxBodyBytes, maxBlobBytes, f, devFaucet, stake, verifySeed, gateway, economics, chain);
    }

    public CoordinatorConfig withDevFaucet(boolean on) {
        return new CoordinatorConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, heartbeatInterval, maxBodyBytes, maxBlobBytes, fee, on, stake, verifySeed, gateway, economics, chain);
    }

    public CoordinatorConfig withStake(org.gridmint.coordinator.stake.StakeConfig s) {
        return new CoordinatorConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, heartbeatInterval, maxBodyBytes, maxBlobBytes, fee, devFaucet, s, verifySeed, gateway, economics, chain);
    }

    /** This configuration with verification draws from a generator seeded with {@code seed} (tests: reproducible plans). */
    public CoordinatorConfig withVerifySeed(long seed) {
        return new CoordinatorConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, heartbeatInterval, maxBodyBytes, maxBlobBytes, fee, devFaucet,
                stake, seed, gateway, economics, chain);
    }

    public CoordinatorConfig withGateway(org.gridmint.coordinator.gateway.GatewayConfig g) {
        return new CoordinatorConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, heartbeatInterval, maxBodyBytes, maxBlobBytes, fee, devFaucet,
                stake, verifySeed, g, economics, chain);
    }

    public CoordinatorConfig withEconomics(org.gridmint.coordinator.economics.EconomicsConfig e) {
        return new CoordinatorConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, heartbeatInterval, maxBodyBytes, maxBlobBytes, fee, devFaucet,
                stake, verifySeed, gateway, e, chain);
    }

    /** This configuration settling on an EVM chain; null for the embedded settlement. */
    public CoordinatorConfig withChain(org.gridmint.coordinator.settlement.ChainConfig c) {
        return new CoordinatorConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, heartbeatInterval, maxBodyBytes, maxBlobBytes, fee, devFaucet,
                stake, verifySeed, gateway, economics, c);
    }

    /** The generator for verification plans' draws: seeded when {@link #verifySeed} is set, else from SecureRandom. */
    public java.util.random.RandomGenerator verifyRandom() {
        long seed = verifySeed != null ? verifySeed : new java.security.SecureRandom().nextLong();
        return java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    public Duration lease() {
        return Duration.ofMillis((long) (heartbeatInterval.toMillis() * LEASE_INTERVALS));
    }

    /** A provider not heard from for this long is shown OFFLINE and no longer counts as an alternative. */
    public Duration offlineAfter() {
        return heartbeatInterval.multipliedBy(3);
    }
}
