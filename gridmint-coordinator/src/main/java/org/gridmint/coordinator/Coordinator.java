package org.gridmint.coordinator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gridmint.api.auth.Identity;
import org.gridmint.coordinator.blobs.BlobStore;
import org.gridmint.coordinator.http.HttpApi;
import org.gridmint.coordinator.jobs.JobService;
import org.gridmint.coordinator.loops.LeaseExpiryLoop;
import org.gridmint.coordinator.providers.ProviderService;
import org.gridmint.coordinator.providers.WorkService;
import org.gridmint.coordinator.store.JdbcStore;
import org.gridmint.coordinator.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole coordinator: store, blob store, services, the lease loop and the HTTP server, wired together.
 * {@link #start()} returns once it listens; {@link #close()} stops it (a kill -9 at any moment loses nothing
 * committed, since every accepted change is committed before it is answered).
 */
public final class Coordinator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Coordinator.class);

    private final CoordinatorConfig config;
    private final Store store;
    private final BlobStore blobs;
    private final WorkSignal work = new WorkSignal();
    private final Metrics metrics = new Metrics();
    private final JobService jobs;
    private final ProviderService providers;
    private final WorkService workService;
    private final org.gridmint.coordinator.market.Market market;
    private final org.gridmint.coordinator.ledger.LedgerService ledger;
    private final LeaseExpiryLoop leaseLoop;
    private final org.gridmint.coordinator.stake.StakeService stakes;
    private final org.gridmint.coordinator.stake.UnbondingLoop unbondingLoop;
    private final org.gridmint.coordinator.gateway.Gateway gateway;
    private final HttpApi http;
    private final org.gridmint.coordinator.settlement.SettlementPort settlement;
    private final org.gridmint.coordinator.economics.EpochLoop epochLoop;
    private final org.gridmint.coordinator.economics.EconomicsService economics;
    private final org.gridmint.coordinator.economics.NetworkReports reports;
    private final InstantSource clock;
    private final Identity operator;
    private final org.gridmint.coordinator.settlement.DepositWatcher depositWatcher;
    private ScheduledExecutorService loops;
    /** Its own thread: posting a batch waits on the chain, which must never hold up lease expiry. */
    private ScheduledExecutorService economicsLoops;

    /** A coordinator that checks request signatures against the system clock. */
    public Coordinator(CoordinatorConfig config, InstantSource clock) {
        this(config, clock, InstantSource.system());
    }

    /**
     * @param clock the coordinator's time: leases, deadlines, records (tests move it by hand)
     * @param authClock the wall clock that signature timestamps must be near; apart from {@code clock} because
     *     clients sign with their real clocks whatever time a test makes the coordinator live in
     */
    public Coordinator(CoordinatorConfig config, InstantSource clock, InstantSource authClock) {
        this(config, clock, authClock, org.gridmint.coordinator.settlement.Settlements::open);
    }

    /** @param settlements opens the settlement port ({@link org.gridmint.coordinator.settlement.Settlements#open} but in tests of an adapter) */
    public Coordinator(CoordinatorConfig config, InstantSource clock, InstantSource authClock,
                       org.gridmint.coordinator.settlement.Settlements.Opener settlements) {
        this.config = config;
        // The store keeps milliseconds; so does everything the coordinator reads from its clock.
        this.clock = () -> clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data dir " + config.dataDir(), e);
        }
        // The coordinator's own key makes its operator: whoever holds it may use the operator-only routes.
        this.operator = Identity.loadOrCreate(config.dataDir());
        this.store = config.jdbcUrl() == null ? JdbcStore.sqlite(config.dataDir())
                : JdbcStore.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        org.gridmint.core.economics.Epochs epochs;
        try {
            epochs = org.gridmint.coordinator.economics.NetworkFacts.establish(store, config.economics(), this.clock.instant());
            this.settlement = settlements.open(config, epochs.genesis(), store);
        } catch (RuntimeException e) {
            // A refused genesis (or chain) must not leave the store open behind the error.
            store.close();
            throw e;
        }
        this.epochLoop = new org.gridmint.coordinator.economics.EpochLoop(store, settlement, epochs, config.economics());
        this.economics = new org.gridmint.coordinator.economics.EconomicsService(store, this.clock, settlement);
        this.depositWatcher = settlement instanceof org.gridmint.coordinator.settlement.EvmSettlement evm
                ? new org.gridmint.coordinator.settlement.DepositWatcher(store, evm, evm.depositsAfter()) : null;
        this.reports = new org.gridmint.coordinator.economics.NetworkReports(store, this.clock, config.economics(), epochs, settlement.info().settlement());
        this.blobs = new BlobStore(config.dataDir().resolve("blobs"), config.maxBlobBytes());
        this.market = new org.gridmint.coordinator.market.Market(config.heartbeatInterval(), this.clock);
        this.jobs = new JobService(store, blobs, this.clock, work, metrics, market, config.stake());
        this.providers = new ProviderService(store, this.clock, config, market);
        this.workService = new WorkService(store, blobs, this.clock, config, work, providers, market, metrics, config.verifyRandom());
        this.leaseLoop = new LeaseExpiryLoop(store, work, metrics);
        this.ledger = new org.gridmint.coordinator.ledger.LedgerService(store, this.clock, config);
        this.stakes = new org.gridmint.coordinator.stake.StakeService(store, this.clock, config.stake());
        this.unbondingLoop = new org.gridmint.coordinator.stake.UnbondingLoop(store);
        this.gateway = new org.gridmint.coordinator.gateway.Gateway(store, this.clock, config.gateway(), new org.gridmint.coordinator.gateway.ChannelHub(),
                new org.gridmint.coordinator.gateway.ApiKeys(store, this.clock, config.gateway().keyCacheTtl()), new org.gridmint.coordinator.gateway.InferenceBilling(store, config.fee()),
                metrics);
        // An operator's quarantine closes the provider's channel at once; automatic ones (failures, slashes) are found by
        // the periodic sweep in start(), which catches the operator's too should this miss.
        providers.onQuarantine(p -> gateway.hub().disconnect(p, org.gridmint.coordinator.gateway.ChannelHub.QUARANTINED, "quarantined by the operator"));
        this.http = new HttpApi(config, jobs, providers, workService, ledger, stakes, blobs, store.dialect(), metrics, authClock, operator.account(),
                gateway, economics, reports);
    }

    public Coordinator start() {
        leaseLoop.renewAfterRestart(clock.instant(), config.lease());
        int port;
        try {
            port = http.start();
        } catch (RuntimeException e) {
            // A port in use must not leave the store open behind the error.
            close();
            throw e;
        }
        loops = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("gridmint-lease-loop").factory());
        long period = Math.max(25, config.heartbeatInterval().toMillis() / 4);
        loops.scheduleWithFixedDelay(guarded("lease expiry", leaseLoop::runOnce), period, period, TimeUnit.MILLISECONDS);
        loops.scheduleWithFixedDelay(guarded("closing quarantined providers' channels", gateway::dropQuarantined), period, period, TimeUnit.MILLISECONDS);
        // Unbondings last days; a release a heartbeat late costs nobody anything.
        long unbondPeriod = config.heartbeatInterval().toMillis();
        loops.scheduleWithFixedDelay(guarded("releasing unbondings", unbondingLoop::runOnce), unbondPeriod, unbondPeriod, TimeUnit.MILLISECONDS);
        economicsLoops = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("gridmint-epoch-loop").factory());
        long epochPeriod = org.gridmint.coordinator.economics.EpochLoop.period(config.economics().epoch()).toMillis();
        economicsLoops.scheduleWithFixedDelay(guarded("closing epochs", epochLoop::runOnce), epochPeriod, epochPeriod, TimeUnit.MILLISECONDS);
        if (depositWatcher != null) {
            long poll = config.chain().poll().toMillis();
            // On the epoch loop's thread, not the lease loop's: a slow node must never hold up lease expiry.
            economicsLoops.scheduleWithFixedDelay(guarded("reading on-chain deposits", depositWatcher::runOnce), poll, poll, TimeUnit.MILLISECONDS);
            if (config.devFaucet())
                log.warn("DEV MODE WITH A CHAIN: credits from the faucet or the mint were never deposited on-chain; before posting an epoch that "
                        + "pays them out, the operator tops the settlement contract up from its own stable credits");
        }
        log.info("coordinator listening on http://{}:{} (store: {}, data dir: {}, heartbeat: {} ms)",
                config.host(), port, store.dialect(), config.dataDir(), config.heartbeatInterval().toMillis());
        log.info("operator account: {} (its key is {}; sign operator commands with --data-dir {})", operator.account(),
                config.dataDir().resolve(Identity.FILE), config.dataDir());
        log.info("protocol fee: {} of each task payment", config.fee());
        var epochs = epochLoop.epochs();
        log.info("economics: genesis {}, epochs of {} s, {} GRID per epoch halving every {} epochs, treasury {}%, settlement {}", epochs.genesis(),
                epochs.length().toSeconds(), config.economics().schedule().initial(), config.economics().schedule().halvingEpochs(),
                config.economics().treasuryShareBasisPoints() / 100.0, settlement.info().settlement());
        if (config.devFaucet())
            log.warn("DEV MODE (--dev-faucet): anyone may take test credits from the faucet and the operator may mint; never use it with real money");
        return this;
    }

    /** A loop's run for its executor: a failure is logged and the next run tries again, never killing the schedule. */
    private Runnable guarded(String what, java.util.function.Consumer<java.time.Instant> runOnce) {
        return () -> {
            try {
                runOnce.accept(clock.instant());
            } catch (org.gridmint.coordinator.settlement.SettlementException e) {
                // An unreachable node repeats every poll: one line each, not a stack trace.
                log.warn("{} failed; will retry: {}", what, e.getMessage());
            } catch (RuntimeException e) {
                log.warn("{} failed; will retry", what, e);
            }
        };
    }

    /** The on-chain deposit watcher; null with the embedded settlement. */
    public org.gridmint.coordinator.settlement.DepositWatcher depositWatcher() {
        return depositWatcher;
    }

    public int port() {
        return http.port();
    }

    public String url() {
        return "http://" + config.host() + ":" + port();
    }

    public JobService jobs() {
        return jobs;
    }

    public WorkService work() {
        return workService;
    }

    public ProviderService providers() {
        return providers;
    }

    /** The coordinator's own identity: the operator, allowed on operator-only routes. */
    public Identity operator() {
        return operator;
    }

    public org.gridmint.coordinator.ledger.LedgerService ledger() {
        return ledger;
    }

    public org.gridmint.coordinator.stake.StakeService stakes() {
        return stakes;
    }

    public org.gridmint.coordinator.stake.UnbondingLoop unbondingLoop() {
        return unbondingLoop;
    }

    /** The online gateway: its channel hub, API keys and billing. */
    public org.gridmint.coordinator.gateway.Gateway gateway() {
        return gateway;
    }

    /** The loop that closes epochs and posts their batches (tests run it by hand). */
    public org.gridmint.coordinator.economics.EpochLoop epochLoop() {
        return epochLoop;
    }

    /** Payout addresses, withdrawals and claims. */
    public org.gridmint.coordinator.economics.EconomicsService economics() {
        return economics;
    }

    /** The network report: revenue beside emissions, per epoch. */
    public org.gridmint.coordinator.economics.NetworkReports reports() {
        return reports;
    }

    /** Where settled money goes: the embedded settlement or the EVM chain. */
    public org.gridmint.coordinator.settlement.SettlementPort settlement() {
        return settlement;
    }

    public LeaseExpiryLoop leaseLoop() {
        return leaseLoop;
    }

    public Store store() {
        return store;
    }

    @Override
    public void close() {
        if (loops != null) loops.shutdownNow();
        if (economicsLoops != null) {
            economicsLoops.shutdownNow();
            try {
                // A close in progress finishes (or rolls back) before the store under it closes.
                economicsLoops.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Long-polling claims must end before the store closes, or they wake to a closed store.
        workService.close();
        // The server stops first (its WebSockets close with it, failing calls in flight, so no request waits on a channel):
        // the gateway's tokenizers and billing writer must outlive the last request, whose bill is then flushed.
        http.close();
        gateway.close();
        settlement.close();
        store.close();
    }
}
