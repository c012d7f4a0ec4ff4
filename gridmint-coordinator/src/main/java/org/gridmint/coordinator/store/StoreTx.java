package org.gridmint.coordinator.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridmint.api.BlobRef;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.core.scheduling.TaskRecord;

/** The operations of one store transaction. Lists come back in a stable, documented order. */
public interface StoreTx {

    // --- jobs and tasks

    /** Inserts a job and all its tasks (PENDING, index 0..n-1). */
    void insertJob(JobRecord job, List<TaskRecord> tasks);

    Optional<JobRecord> job(JobId id);

    /** Jobs of {@code owner} (all owners when null), newest first, at most {@code limit}. */
    List<JobRecord> jobs(String owner, int limit);

    /** Jobs that are not in a final state, oldest first. */
    List<JobRecord> unfinishedJobs();

    void updateJob(JobRecord job);

    Optional<TaskRecord> task(TaskId id);

    /** A job's tasks by index. */
    List<TaskRecord> tasks(JobId job);

    /**
     * Replaces {@code expected} by {@code next} only if the stored task still equals {@code expected} in state
     * and attempt count; returns false (and changes nothing) when another transaction got there first.
     */
    boolean updateTask(TaskRecord expected, TaskRecord next);

    Map<TaskState, Integer> taskCounts(JobId job);

    /** Whether any task of the job is in one of {@code states}: one index probe per state, cheap for huge jobs. */
    boolean hasTasksIn(JobId job, java.util.Set<TaskState> states);

    /** PENDING tasks of unfinished jobs, oldest job first, then by index; at most {@code limit}. */
    List<TaskRecord> pendingTasks(int limit);

    // --- attempts

    void insertAttempt(AttemptRecord attempt);

    void updateAttempt(AttemptRecord attempt);

    Optional<AttemptRecord> attempt(AttemptId id);

    /** All attempts of a job, by task index then attempt number. */
    List<AttemptRecord> attempts(JobId job);

    /** ASSIGNED or RUNNING attempts whose lease expired at or before {@code now}, oldest lease first. */
    List<AttemptRecord> expiredAttempts(Instant now, int limit);

    /**
     * Gives every ASSIGNED or RUNNING attempt whose lease ran out at or before {@code now} a new lease until
     * {@code until}; returns how many. Used once when a coordinator starts, for leases that ran out while it was down.
     */
    int renewLeasesExpiredBy(Instant now, Instant until);

    /** ASSIGNED or RUNNING attempts of one job. */
    List<AttemptRecord> activeAttempts(JobId job);

    /** ASSIGNED or RUNNING attempts of one task, by number: two while a backup races the first. */
    List<AttemptRecord> activeAttempts(TaskId task);

    /** ASSIGNED or RUNNING attempts held by one provider. */
    List<AttemptRecord> activeAttemptsOf(ProviderId provider);

    void saveLogs(AttemptLogs logs);

    Optional<AttemptLogs> logs(AttemptId attempt);

    // --- results

    /** Records the outputs of a task's succeeded attempt (replacing none: a task succeeds once). */
    void insertOutputs(TaskId task, List<BlobRef> outputs);

    List<BlobRef> outputs(TaskId task);

    /** Outputs of every succeeded task of a job, by task index. */
    Map<Integer, List<BlobRef>> outputs(JobId job);

    // --- shards (embed jobs)

    /** Inserts the shards of an embed job, whose tasks must already be inserted (in this transaction or before). */
    void insertShards(List<ShardRecord> shards);

    /** The shard of one task of an embed job; empty for an exec job's task. */
    Optional<ShardRecord> shard(TaskId task);

    /** The shards of a job by task index; empty for an exec job. */
    List<ShardRecord> shards(JobId job);

    // --- checkpoints

    /** Inserts or replaces the latest checkpoint of its task. */
    void saveCheckpoint(CheckpointRecord checkpoint);

    Optional<CheckpointRecord> checkpoint(TaskId task);

    /** The latest checkpoint of each of a job's tasks that has one, by task index. */
    Map<Integer, CheckpointRecord> checkpoints(JobId job);

    /** Records that {@code attempt} started from the checkpoint that attempt {@code from} took. */
    void markResumed(AttemptId attempt, AttemptId from);

    /** The checkpoint that {@code attempt} started from; empty when it started afresh. */
    Optional<ResumedFrom> resumedFrom(AttemptId attempt);

    /** For a job's attempts that started from a checkpoint: the attempt that took it. */
    Map<AttemptId, AttemptId> resumedFrom(JobId job);

    // --- backups (speculative execution)

    /** Records that {@code backup} was started to race attempt {@code of}. */
    void markBackup(AttemptId backup, AttemptId of);

    /** For a job's backup attempts: the attempt each one races. */
    Map<AttemptId, AttemptId> backupOf(JobId job);

    /** How long each succeeded attempt of a job ran (start, or assignment, to end), in milliseconds, in no order. */
    List<Long> succeededRuntimes(JobId job);

    // --- providers

    /** Inserts or replaces a provider by id. */
    void upsertProvider(ProviderRecord provider);

    Optional<ProviderRecord> provider(ProviderId id);

    /** All providers, by registration time. */
    List<ProviderRecord> providers();

    void touchProvider(ProviderId id, Instant seenAt);

    /** Attempt counts per provider (only providers with attempts appear). */
    Map<ProviderId, ProviderStats> providerStats();

    /** Each provider's ended attempts as evidence for its reputation (only providers with ended attempts appear). */
    Map<ProviderId, org.gridmint.core.market.ProviderEvidence> providerEvidence();

    /** Adds to the provider's evidence beyond attempt outcomes: heartbeat gaps, and speed samples (their sum in millionths). */
    void addEvidence(ProviderId provider, long missedHeartbeats, long speedSumMicros, long speedSamples);

    /** Runtimes of up to {@code limit} of the job's paid tasks that providers other than {@code except} ran, latest tasks first. */
    List<Long> peerRuntimes(JobId job, ProviderId except, int limit);

    /** The provider's automatic-quarantine record ({@code Quarantine.NONE} when it has none). */
    org.gridmint.core.market.Quarantine quarantine(ProviderId provider);

    /** Every provider's automatic-quarantine record (only providers that have one appear). */
    Map<ProviderId, org.gridmint.core.market.Quarantine> quarantines();

    void saveQuarantine(ProviderId provider, org.gridmint.core.market.Quarantine quarantine);

    /** Marks the provider draining (its owner's request); a second request keeps the first one's time. */
    void requestDrain(ProviderId provider, Instant at);

    /** Ends the provider's drain (its agent registered again); nothing when it was not draining. */
    void clearDrain(ProviderId provider);

    /** Whether the provider's owner asked it to drain and it has not registered since. */
    boolean draining(ProviderId provider);

    /** Every draining provider. */
    java.util.Set<ProviderId> drainingProviders();

    /** How many ASSIGNED or RUNNING attempts each provider holds (only providers holding some appear). */
    Map<ProviderId, Integer> activeAttemptCounts();

    /** Blobs that some job, output, log or checkpoint refers to (for garbage collection and integrity checks). */
    boolean blobReferenced(String sha256);

    // --- ledger

    /** The ledger's operations in this same transaction. */
    LedgerTx ledger();

    // verification (issue 5)

    /** Records a result reported for a task of a verified job. */
    void insertResult(TaskResult result);

    /** Moves a result to {@code status} (its verdict); throws when there is no such result. */
    void updateResultStatus(AttemptId attempt, TaskResult.Status status);

    /** One task's results, in report order. */
    List<TaskResult> results(TaskId task);

    /** A job's results by task index, then report order. */
    List<TaskResult> results(JobId job);

    /** The results of a job's PENDING tasks (tasks waiting for a replica), by task index; tasks without results do not appear. */
    Map<Integer, List<TaskResult>> pendingResults(JobId job);

    void insertVerdict(VerdictRecord verdict);

    /** A job's verdicts by task index, then time of decision. */
    List<VerdictRecord> verdicts(JobId job);

    /** Every verdict, for the audit. */
    List<VerdictRecord> allVerdicts();

    /** Forgets a task's accepted outputs (a full check reopened it; its next verdict writes them again). */
    void deleteOutputs(TaskId task);

    /** The task's verification plan; empty before its first result. */
    Optional<org.gridmint.core.verify.TaskVerification> verification(TaskId task);

    /** Inserts or replaces the task's verification plan. */
    void saveVerification(TaskId task, org.gridmint.core.verify.TaskVerification plan, Instant at);

    /** The provider's trust; {@code Trust.NONE} when it has no record. */
    org.gridmint.core.verify.Trust trust(ProviderId provider);

    /** Every provider's trust (only providers with a record appear). */
    Map<ProviderId, org.gridmint.core.verify.Trust> trusts();

    /** Inserts or replaces the provider's trust. */
    void saveTrust(ProviderId provider, org.gridmint.core.verify.Trust trust, Instant at);

    // stake (issue 5)

    /**
     * Serializes stake changes with each other and with every ledger posting (it takes the ledger head's row lock on
     * PostgreSQL; SQLite has one writer anyway): call it before reading a stake that the transaction then changes.
     */
    void lockStakes();

    /** Every stake account's balance by provider (only providers that ever had a stake appear). */
    Map<ProviderId, Credits> stakeBalances();

    /** Each provider's stake less its open unbondings: what the market counts against a job's minimum stake. */
    Map<ProviderId, Credits> bondedStakes();

    void insertUnbonding(Unbonding unbonding);

    Optional<Unbonding> unbonding(String id);

    /** The provider's unbondings, released ones too, oldest first. */
    List<Unbonding> unbondings(ProviderId provider);

    /** Sets what the unbonding will release (or released) and, once released, when. */
    void updateUnbonding(String id, Credits amount, Instant releasedAt);

    /**
     * Unreleased unbondings whose release time is at or before {@code now} and whose provider neither holds a task nor has a
     * result awaiting a verdict (see {@link #awaitingVerdict}), earliest release first; at most {@code limit}.
     */
    List<Unbonding> dueUnbondings(Instant now, int limit);

    /**
     * Whether the provider holds a live attempt (which may yet report a result a verdict slashes) or an attempt of it
     * SUCCEEDED on a task that is not final (its result still awaits a verdict): either holds its unbondings.
     */
    boolean awaitingVerdict(ProviderId provider);

    /** Every unbonding, for the audit. */
    void scanUnbondings(java.util.function.Consumer<Unbonding> each);

    void insertSlash(SlashRecord slash);

    Optional<SlashRecord> slash(String verdictId, ProviderId provider);

    /** The provider's slashes, oldest first. */
    List<SlashRecord> slashes(ProviderId provider);

    /** Every slash, for the audit. */
    void scanSlashes(java.util.function.Consumer<SlashRecord> each);

    // gateway (issue 6)

    /** The gateway's API keys, usage and meters in this same transaction. */
    GatewayTx gateway();

    // chain (issue 7)

    /** The on-chain deposits read and the read cursor, in this same transaction. */
    ChainTx chain();

    // economics (issue 7)

    /** Epochs, rewards, payout addresses, withdrawals and settlement leaves in this same transaction. */
    EconomicsTx economics();
}
