package org.gridmint.coordinator;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.gridmint.api.Assignment;
import org.gridmint.api.BlobRef;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.JobView;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.api.SubmitJobRequest;
import org.gridmint.coordinator.blobs.BlobStore;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.Escrow;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.JobSpecDraft;
import org.gridmint.core.spec.JobSpecValidator;

/**
 * A coordinator's services wired in-process on a temp dir with a hand-moved clock: what the service tests
 * drive. Fixture helpers return valid requests so a test states only what differs; providers they register
 * belong to {@link #OWNER}, and act as it.
 */
public final class TestNetwork implements AutoCloseable {
    /** The account that owns the providers the helpers register. */
    public static final AccountId OWNER = AccountId.of("acct-provider-owner");

    public final MutableClock clock = MutableClock.atEpochDay();
    public final Coordinator coordinator;
    public final CoordinatorConfig config;
    private final java.util.concurrent.atomic.AtomicInteger deposits = new java.util.concurrent.atomic.AtomicInteger();
    private boolean auditOnClose = true;

    /** Signatures are checked against the system clock, as HTTP tests sign with it. */
    public TestNetwork(Path dir) {
        this(dir, InstantSource.system());
    }

    public TestNetwork(Path dir, InstantSource authClock) {
        this(dir, authClock, c -> c);
    }

    /** @param adjust changes to the test defaults, e.g. {@code c -> c.withDevFaucet(true)} */
    public TestNetwork(Path dir, InstantSource authClock, java.util.function.UnaryOperator<CoordinatorConfig> adjust) {
        this(dir, authClock, adjust, org.gridmint.coordinator.settlement.Settlements::open);
    }

    /** @param settlements opens the coordinator's settlement port (a test adapter, for the on-chain batches) */
    public TestNetwork(Path dir, InstantSource authClock, java.util.function.UnaryOperator<CoordinatorConfig> adjust,
                       org.gridmint.coordinator.settlement.Settlements.Opener settlements) {
        this.config = adjust.apply(CoordinatorConfig.defaults(dir).withPort(0).withHeartbeat(Duration.ofSeconds(2)));
        this.coordinator = new Coordinator(config, clock, authClock, settlements);
    }

    public String provider(String name, String price, int slots) {
        return provider(OWNER, name, price, slots);
    }

    /** A provider of {@link #OWNER} that serves {@code models} on its CPU (an empty list: none, as an exec-only provider). */
    public String embedProvider(String name, int slots, String... models) {
        var offers = java.util.Arrays.stream(models).map(m -> new org.gridmint.api.ModelOffer(m, "cpu", 384, new BigDecimal("0.02"))).toList();
        return coordinator.providers().register(OWNER, new RegisterProviderRequest(null, name, 4, 8192, List.of(), "local",
                new BigDecimal("0.1"), slots, true, "test", null, offers)).id();
    }

    public String provider(AccountId owner, String name, String price, int slots) {
        return coordinator.providers().register(owner, new RegisterProviderRequest(null, name, 4, 8192, List.of(), "local",
                new BigDecimal(price), slots, true, "test")).id();
    }

    /** A job of {@code tasks} tasks that verifies nothing: the tests built on it are not about verification. */
    public static JobSpecDraft spec(int tasks) {
        return new JobSpecDraft("test-job", "exec", List.of("true"), tasks, null, null, null, null, null, null, 2, null, null, null)
                .withVerify(JobSpecDraft.VerifyDraft.ofPolicy("none"));
    }

    /** Submits as {@code owner}, first depositing exactly what the job holds, so a test about jobs need not think of money. */
    public JobView submit(String owner, JobSpecDraft spec) {
        if (JobSpecValidator.validate(spec) instanceof JobSpecValidator.Valid v) fund(AccountId.of(owner), Escrow.maxCost(v.spec()).toString());
        return coordinator.jobs().submit(owner, new SubmitJobRequest(spec, List.of()));
    }

    /** Deposits {@code credits} into {@code account}, as the dev faucet would. */
    public void fund(AccountId account, String credits) {
        Posting deposit = new Posting(PostingKind.DEPOSIT, "test-" + deposits.incrementAndGet(), LedgerAccount.ISSUER, LedgerAccount.party(account),
                Credits.parse(credits));
        coordinator.store().inTransaction(tx -> tx.ledger().post(deposit, clock.instant()));
    }

    public List<Assignment> claim(String provider, int max) {
        try {
            return coordinator.work().claim(OWNER, provider, new ClaimRequest(max, 0));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public BlobRef blob(String name, String content) {
        return blob(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Stores {@code bytes} as an uploaded blob would be, and refers to it as {@code name}. */
    public BlobRef blob(String name, byte[] bytes) {
        String sha = BlobStore.sha256(bytes);
        new BlobStore(config.dataDir().resolve("blobs"), config.maxBlobBytes()).put(sha, new ByteArrayInputStream(bytes));
        return new BlobRef(name, sha, bytes.length);
    }

    public void complete(String provider, Assignment a) {
        coordinator.work().complete(OWNER, a.attemptId(), new CompleteRequest(provider, 0, List.of(blob("out/result.txt", "task " + a.taskIndex())), null, null, 5));
    }

    /** For a test that breaks the ledger on purpose: {@link #close()} then skips its audit. */
    public void skipLedgerAudit() {
        auditOnClose = false;
    }

    /** Closes the coordinator, first auditing the ledger: every test that moves money ends with the invariants checked. */
    @Override
    public void close() {
        try {
            if (auditOnClose) {
                var result = org.gridmint.coordinator.ledger.LedgerVerifier.verify(coordinator.store());
                if (!result.ok()) throw new AssertionError("ledger verify after the test found " + result.breaks());
            }
        } finally {
            coordinator.close();
        }
    }
}
