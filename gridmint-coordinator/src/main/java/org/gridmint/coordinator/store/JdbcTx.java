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

/**
 * One transaction of {@link JdbcStore}: the {@link StoreTx} operations over one connection, split by table
 * group. Instants are stored to the millisecond. Once its transaction has ended, every call throws, so a
 * transaction handle leaked out of {@code inTransaction} cannot write outside it.
 */
final class JdbcTx implements StoreTx {
    private final JobSql jobs;
    private final AttemptSql attempts;
    private final ProviderSql providers;
    private final CheckpointSql checkpoints;
    private final BackupSql backups;
    private final VerifySql verify;
    private final JdbcLedgerTx ledger;
    private final StakeSql stakes;
    private final ShardSql shards;
    private final GatewaySql gateway;
    private final ChainSql chain;
    private final EconomicsSql economics;
    private boolean open = true;

    JdbcTx(Sql sql, SpecCache specs) {
        this.jobs = new JobSql(sql, specs);
        this.attempts = new AttemptSql(sql);
        this.providers = new ProviderSql(sql);
        this.checkpoints = new CheckpointSql(sql);
        this.backups = new BackupSql(sql);
        this.verify = new VerifySql(sql);
        this.ledger = new JdbcLedgerTx(new LedgerSql(sql), this::requireOpen);
        this.stakes = new StakeSql(sql);
        this.shards = new ShardSql(sql);
        this.gateway = new GatewaySql(sql, this::requireOpen);
        this.chain = new ChainSql(sql, this::requireOpen);
        this.economics = new EconomicsSql(sql, verify, this::requireOpen);
    }

    /** Ends the handle; after a commit, shares the specs it parsed with later transactions. */
    void end(boolean committed) {
        open = false;
        if (committed) jobs.publishParsedSpecs();
    }

    private void requireOpen() {
        if (!open) throw new IllegalStateException("this StoreTx was used after its transaction ended");
    }

    // --- jobs and tasks

    @Override
    public void insertJob(JobRecord job, List<TaskRecord> tasks) {
        requireOpen();
        jobs.insertJob(job, tasks);
    }

    @Override
    public Optional<JobRecord> job(JobId id) {
        requireOpen();
        return jobs.job(id);
    }

    @Override
    public List<JobRecord> jobs(String owner, int limit) {
        requireOpen();
        return jobs.jobs(owner, limit);
    }

    @Override
    public List<JobRecord> unfinishedJobs() {
        requireOpen();
        return jobs.unfinishedJobs();
    }

    @Override
    public void updateJob(JobRecord job) {
        requireOpen();
        jobs.updateJob(job);
    }

    @Override
    public Optional<TaskRecord> task(TaskId id) {
        requireOpen();
        return jobs.task(id);
    }

    @Override
    public List<TaskRecord> tasks(JobId job) {
        requireOpen();
        return jobs.tasks(job);
    }

    @Override
    public boolean updateTask(TaskRecord expected, TaskRecord next) {
        requireOpen();
        return jobs.updateTask(expected, next);
    }

    @Override
    public Map<TaskState, Integer> taskCounts(JobId job) {
        requireOpen();
        return jobs.taskCounts(job);
    }

    @Override
    public boolean hasTasksIn(JobId job, java.util.Set<TaskState> states) {
        requireOpen();
        return jobs.hasTasksIn(job, states);
    }

    @Override
    public List<TaskRecord> pendingTasks(int limit) {
        requireOpen();
        return jobs.pendingTasks(limit);
    }

    // --- attempts

    @Override
    public void insertAttempt(AttemptRecord attempt) {
        requireOpen();
        attempts.insertAttempt(attempt);
    }

    @Override
    public void updateAttempt(AttemptRecord attempt) {
        requireOpen();
        attempts.updateAttempt(attempt);
    }

    @Override
    public Optional<AttemptRecord> attempt(AttemptId id) {
        requireOpen();
        return attempts.attempt(id);
    }

    @Override
    public List<AttemptRecord> attempts(JobId job) {
        requireOpen();
        return attempts.attempts(job);
    }

    @Override
    public List<AttemptRecord> expiredAttempts(Instant now, int limit) {
        requireOpen();
        return attempts.expiredAttempts(now, limit);
    }

    @Override
    public int renewLeasesExpiredBy(Instant now, Instant until) {
        requireOpen();
        return attempts.renewLeasesExpiredBy(now, until);
    }

    @Override
    public List<AttemptRecord> activeAttempts(JobId job) {
        requireOpen();
        return attempts.activeAttempts(job);
    }

    @Override
    public List<AttemptRecord> activeAttempts(TaskId task) {
        requireOpen();
        return attempts.activeAttempts(task);
    }

    @Override
    public List<AttemptRecord> activeAttemptsOf(ProviderId provider) {
        requireOpen();
        return attempts.activeAttemptsOf(provider);
    }

    @Override
    public void saveLogs(AttemptLogs logs) {
        requireOpen();
        attempts.saveLogs(logs);
    }

    @Override
    public Optional<AttemptLogs> logs(AttemptId attempt) {
        requireOpen();
        return attempts.logs(attempt);
    }

    // --- results

    @Override
    public void insertOutputs(TaskId task, List<BlobRef> outputs) {
        requireOpen();
        jobs.insertOutputs(task, outputs);
    }

    @Override
    public List<BlobRef> outputs(TaskId task) {
        requireOpen();
        return jobs.outputs(task);
    }

    @Override
    public Map<Integer, List<BlobRef>> outputs(JobId job) {
        requireOpen();
        return jobs.outputs(job);
    }

    // --- shards (embed jobs)

    @Override
    public void insertShards(List<ShardRecord> list) {
        requireOpen();
        shards.insertShards(list);
    }

    @Override
    public Optional<ShardRecord> shard(TaskId task) {
        requireOpen();
        return shards.shard(task);
    }

    @Override
    public List<ShardRecord> shards(JobId job) {
        requireOpen();
        return shards.shards(job);
    }

    // --- checkpoints

    @Override
    public void saveCheckpoint(CheckpointRecord checkpoint) {
        requireOpen();
        checkpoints.saveCheckpoint(checkpoint);
    }

    @Override
    public Optional<CheckpointRecord> checkpoint(TaskId task) {
        requireOpen();
        return checkpoints.checkpoint(task);
    }

    @Override
    public Map<Integer, CheckpointRecord> checkpoints(JobId job) {
        requireOpen();
        return checkpoints.checkpoints(job);
    }

    @Override
    public void markResumed(AttemptId attempt, AttemptId from) {
        requireOpen();
        checkpoints.markResumed(attempt, from);
    }

    @Override
    public Optional<ResumedFrom> resumedFrom(AttemptId attempt) {
        requireOpen();
        return checkpoints.resumedFrom(attempt);
    }

    @Override
    public Map<AttemptId, AttemptId> resumedFrom(JobId job) {
        requireOpen();
        return checkpoints.resumedFrom(job);
    }

    @Override
    public void markBackup(AttemptId backup, AttemptId of) {
        requireOpen();
        backups.markBackup(backup, of);
    }

    @Override
    public Map<AttemptId, AttemptId> backupOf(JobId job) {
        requireOpen();
        return backups.backupOf(job);
    }

    @Override
    public List<Long> succeededRuntimes(JobId job) {
        requireOpen();
        return backups.succeededRuntimes(job);
    }

    // --- providers

    @Override
    public void upsertProvider(ProviderRecord provider) {
        requireOpen();
        providers.upsertProvider(provider);
    }

    @Override
    public Optional<ProviderRecord> provider(ProviderId id) {
        requireOpen();
        return providers.provider(id);
    }

    @Override
    public List<ProviderRecord> providers() {
        requireOpen();
        return providers.providers();
    }

    @Override
    public void touchProvider(ProviderId id, Instant seenAt) {
        requireOpen();
        providers.touchProvider(id, seenAt);
    }

    @Override
    public Map<ProviderId, ProviderStats> providerStats() {
        requireOpen();
        return providers.providerStats();
    }

    @Override
    public Map<ProviderId, org.gridmint.core.market.ProviderEvidence> providerEvidence() {
        requireOpen();
        return providers.providerEvidence();
    }

    @Override
    public void addEvidence(ProviderId provider, long missedHeartbeats, long speedSumMicros, long speedSamples) {
        requireOpen();
        providers.addEvidence(provider, missedHeartbeats, speedSumMicros, speedSamples);
    }

    @Override
    public List<Long> peerRuntimes(JobId job, ProviderId except, int limit) {
        requireOpen();
        return providers.peerRuntimes(job, except, limit);
    }

    @Override
    public org.gridmint.core.market.Quarantine quarantine(ProviderId provider) {
        requireOpen();
        return providers.quarantine(provider);
    }

    @Override
    public Map<ProviderId, org.gridmint.core.market.Quarantine> quarantines() {
        requireOpen();
        return providers.quarantines();
    }

    @Override
    public void saveQuarantine(ProviderId provider, org.gridmint.core.market.Quarantine q) {
        requireOpen();
        providers.saveQuarantine(provider, q);
    }

    @Override
    public void requestDrain(ProviderId provider, Instant at) {
        requireOpen();
        providers.requestDrain(provider, at);
    }

    @Override
    public void clearDrain(ProviderId provider) {
        requireOpen();
        providers.clearDrain(provider);
    }

    @Override
    public boolean draining(ProviderId provider) {
        requireOpen();
        return providers.draining(provider);
    }

    @Override
    public java.util.Set<ProviderId> drainingProviders() {
        requireOpen();
        return providers.drainingProviders();
    }

    @Override
    public Map<ProviderId, Integer> activeAttemptCounts() {
        requireOpen();
        return providers.activeAttemptCounts();
    }

    @Override
    public boolean blobReferenced(String sha256) {
        requireOpen();
        return providers.blobReferenced(sha256);
    }

    // --- ledger

    @Override
    public LedgerTx ledger() {
        requireOpen();
        return ledger;
    }

    // verification (issue 5)

    @Override
    public void insertResult(TaskResult result) {
        requireOpen();
        verify.insertResult(result);
    }

    @Override
    public void updateResultStatus(AttemptId attempt, TaskResult.Status status) {
        requireOpen();
        verify.updateResultStatus(attempt, status);
    }

    @Override
    public List<TaskResult> results(TaskId task) {
        requireOpen();
        return verify.results(task);
    }

    @Override
    public List<TaskResult> results(JobId job) {
        requireOpen();
        return verify.results(job);
    }

    @Override
    public Map<Integer, List<TaskResult>> pendingResults(JobId job) {
        requireOpen();
        return verify.pendingResults(job);
    }

    @Override
    public void insertVerdict(VerdictRecord verdict) {
        requireOpen();
        verify.insertVerdict(verdict);
    }

    @Override
    public List<VerdictRecord> verdicts(JobId job) {
        requireOpen();
        return verify.verdicts(job);
    }

    @Override
    public List<VerdictRecord> allVerdicts() {
        requireOpen();
        return verify.allVerdicts();
    }

    @Override
    public void deleteOutputs(TaskId task) {
        requireOpen();
        verify.deleteOutputs(task);
    }

    @Override
    public Optional<org.gridmint.core.verify.TaskVerification> verification(TaskId task) {
        requireOpen();
        return verify.verification(task);
    }

    @Override
    public void saveVerification(TaskId task, org.gridmint.core.verify.TaskVerification plan, Instant at) {
        requireOpen();
        verify.saveVerification(task, plan, at);
    }

    @Override
    public org.gridmint.core.verify.Trust trust(ProviderId provider) {
        requireOpen();
        return verify.trust(provider);
    }

    @Override
    public Map<ProviderId, org.gridmint.core.verify.Trust> trusts() {
        requireOpen();
        return verify.trusts();
    }

    @Override
    public void saveTrust(ProviderId provider, org.gridmint.core.verify.Trust trust, Instant at) {
        requireOpen();
        verify.saveTrust(provider, trust, at);
    }

    // stake (issue 5)

    @Override
    public void lockStakes() {
        requireOpen();
        stakes.lock();
    }

    @Override
    public Map<ProviderId, Credits> stakeBalances() {
        requireOpen();
        return stakes.balances();
    }

    @Override
    public Map<ProviderId, Credits> bondedStakes() {
        return stakes.bonded();
    }

    @Override
    public void insertUnbonding(Unbonding unbonding) {
        requireOpen();
        stakes.insertUnbonding(unbonding);
    }

    @Override
    public Optional<Unbonding> unbonding(String id) {
        requireOpen();
        return stakes.unbonding(id);
    }

    @Override
    public List<Unbonding> unbondings(ProviderId provider) {
        requireOpen();
        return stakes.unbondings(provider);
    }

    @Override
    public void updateUnbonding(String id, Credits amount, Instant releasedAt) {
        requireOpen();
        stakes.updateUnbonding(id, amount, releasedAt);
    }

    @Override
    public List<Unbonding> dueUnbondings(Instant now, int limit) {
        requireOpen();
        return stakes.dueUnbondings(now, limit);
    }

    @Override
    public boolean awaitingVerdict(ProviderId provider) {
        requireOpen();
        return stakes.awaitingVerdict(provider);
    }

    @Override
    public void scanUnbondings(java.util.function.Consumer<Unbonding> each) {
        requireOpen();
        stakes.scanUnbondings(each);
    }

    @Override
    public void insertSlash(SlashRecord slash) {
        requireOpen();
        stakes.insertSlash(slash);
    }

    @Override
    public Optional<SlashRecord> slash(String verdictId, ProviderId provider) {
        requireOpen();
        return stakes.slash(verdictId, provider);
    }

    @Override
    public List<SlashRecord> slashes(ProviderId provider) {
        requireOpen();
        return stakes.slashes(provider);
    }

    @Override
    public void scanSlashes(java.util.function.Consumer<SlashRecord> each) {
        requireOpen();
        stakes.scanSlashes(each);
    }

    // gateway (issue 6)

    @Override
    public GatewayTx gateway() {
        requireOpen();
        return gateway;
    }

    // chain (issue 7)

    @Override
    public ChainTx chain() {
        requireOpen();
        return chain;
    }

    // economics (issue 7)

    @Override
    public EconomicsTx economics() {
        requireOpen();
        return economics;
    }
}
