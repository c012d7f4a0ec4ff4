package org.gridmint.coordinator.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gridmint.api.BlobRef;
import org.gridmint.api.JobList;
import org.gridmint.api.JobView;
import org.gridmint.api.SubmitJobRequest;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.WorkSignal;
import org.gridmint.coordinator.blobs.BlobStore;
import org.gridmint.coordinator.store.AttemptLogs;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.Store;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.core.ids.Ids;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.lifecycle.JobState;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.core.scheduling.TaskRecord;
import org.gridmint.core.spec.FieldError;
import org.gridmint.core.spec.JobSpec;
import org.gridmint.core.spec.JobSpecValidator;

/**
 * The client's side of the coordinator. A job is visible only to its owner: another account gets 404, so
 * that a job's existence does not leak.
 *
 * <p>Failure modes: a submission is validated completely (spec and files) before anything is written, and is
 * written in one transaction, so a rejected or interrupted submission creates nothing.
 */
public final class JobService {
    private static final int MAX_LIST = 1000;

    private final Store store;
    private final BlobStore blobs;
    private final InstantSource clock;
    private final WorkSignal work;
    private final org.gridmint.coordinator.Metrics metrics;
    private final org.gridmint.coordinator.market.Market market;
    private final org.gridmint.coordinator.stake.StakeConfig stake;
    private final EmbedResults embedResults;

    public JobService(Store store, BlobStore blobs, InstantSource clock, WorkSignal work, org.gridmint.coordinator.Metrics metrics) {
        this(store, blobs, clock, work, metrics, null);
    }

    /** @param market says why a job's tasks wait; null leaves the job view's {@code waiting} empty */
    public JobService(Store store, BlobStore blobs, InstantSource clock, WorkSignal work, org.gridmint.coordinator.Metrics metrics,
                      org.gridmint.coordinator.market.Market market) {
        this(store, blobs, clock, work, metrics, market, null);
    }

    /** @param stake gives jobs above a value that name no minimum stake the coordinator's default; null gives them none */
    public JobService(Store store, BlobStore blobs, InstantSource clock, WorkSignal work, org.gridmint.coordinator.Metrics metrics,
                      org.gridmint.coordinator.market.Market market, org.gridmint.coordinator.stake.StakeConfig stake) {
        this.stake = stake;
        this.market = market;
        this.store = store;
        this.blobs = blobs;
        this.clock = clock;
        this.work = work;
        this.metrics = metrics;
        this.embedResults = new EmbedResults(blobs);
    }

    public JobView submit(String owner, SubmitJobRequest request) {
        if (request.spec() == null) throw new CoordinatorException.Invalid("spec", "is required");
        // The default is stored explicitly, so that the stored draft reads as the same spec whatever the defaults later are
        // (a stored draft without verify is an older job's, and reads as verify: none).
        org.gridmint.core.spec.JobSpecDraft draft = request.spec().verify() != null ? request.spec()
                : request.spec().withVerify(org.gridmint.core.spec.JobSpecDraft.VerifyDraft.ofPolicy(
                        org.gridmint.core.spec.VerifySpec.Policy.ADAPTIVE.wire()));
        // An embed job's items are the coordinator's to count, whatever the client sent.
        if (org.gridmint.core.spec.Runtime.EMBED.wireName().equals(draft.runtime())) draft = draft.withItems(null);
        JobSpec spec = validated(draft);
        List<BlobRef> files = request.files() == null ? List.of() : request.files();
        checkFiles(spec, files);
        java.nio.file.Path input = null;
        if (spec.embeds()) {
            var prepared = EmbedSubmission.prepare(blobs, draft, spec.embed(), files);
            draft = prepared.draft();
            input = prepared.input();
            spec = validated(draft);
        }
        // A job that names no minimum stake but could cost more than the coordinator's threshold gets its default, stored
        // in the draft like the verify default, so that the job's requirements never change after submission.
        if (stake != null && draft.minStake() == null) {
            var min = stake.minStakeFor(null, org.gridmint.core.ledger.Escrow.maxCost(spec));
            if (min.micros() > 0) {
                draft = draft.withMinStake(min.toBigDecimal());
                spec = validated(draft);
            }
        }
        var now = clock.instant();
        JobId id = org.gridmint.coordinator.Ids.job();
        var job = new JobRecord(id, owner, draft, spec, files, JobState.PENDING, now, now, null, null);
        List<TaskRecord> tasks = new ArrayList<>(spec.taskCount());
        for (int i = 0; i < spec.taskCount(); i++) tasks.add(TaskRecord.pending(new TaskId(id, i), now));
        var shards = spec.embeds() ? EmbedSubmission.writeShards(blobs, id, spec.embed(), input) : List.<org.gridmint.coordinator.store.ShardRecord>of();
        JobView view = store.inTransaction(tx -> {
            tx.insertJob(job, tasks);
            if (!shards.isEmpty()) tx.insertShards(shards);
            org.gridmint.coordinator.ledger.JobAccounting.hold(tx, job, now);
            return Views.job(job, Map.of(TaskState.PENDING, job.spec().taskCount()), null, List.of(), Map.of());
        });
        metrics.jobSubmitted();
        work.signal();
        return view;
    }

    private static JobSpec validated(org.gridmint.core.spec.JobSpecDraft draft) {
        return switch (JobSpecValidator.validate(draft)) {
            case JobSpecValidator.Valid v -> v.spec();
            case JobSpecValidator.Invalid inv -> throw new CoordinatorException.Invalid(prefixed(inv.errors()));
        };
    }

    public JobList list(String owner, int limit) {
        if (limit < 1 || limit > MAX_LIST) throw new CoordinatorException.Invalid("limit", "must be between 1 and " + MAX_LIST + ", was " + limit);
        return store.inTransaction(tx -> new JobList(tx.jobs(owner, limit).stream()
                .map(j -> Views.job(j, tx.taskCounts(j.id()), null, List.of(), Map.of()))
                .toList()));
    }

    public JobView get(String owner, String jobId) {
        JobId id = parseJobId(jobId);
        var now = clock.instant();
        return store.inTransaction(tx -> {
            JobRecord job = owned(tx, owner, id);
            JobView view = fullView(tx, job);
            // Only a job with waiting tasks asks the market why: a running job's view costs no more than before.
            if (market == null || job.state().isFinal() || view.taskCounts().getOrDefault(TaskState.PENDING.name(), 0) == 0) return view;
            var why = org.gridmint.coordinator.verify.ReplicaWait.why(tx, market, job, now);
            if (why.isEmpty()) why = market.waiting(tx, job, now);
            return why.map(view::withWaiting).orElse(view);
        });
    }

    public JobView cancel(String owner, String jobId) {
        JobId id = parseJobId(jobId);
        var now = clock.instant();
        return store.inTransaction(tx -> {
            JobRecord job = owned(tx, owner, id);
            if (job.state().isFinal()) throw new CoordinatorException.Conflict("job " + id + " is already " + job.state(), job.state().name());
            JobProgress.stopAll(tx, id, "cancelled by " + owner, now);
            JobRecord cancelled = job.withState(org.gridmint.core.lifecycle.Lifecycles.JOB
                    .apply(job.state(), org.gridmint.core.lifecycle.Lifecycles.JobEvent.CANCELLED).orThrow(), now, null);
            tx.updateJob(cancelled);
            org.gridmint.coordinator.ledger.JobAccounting.settle(tx, cancelled, now);
            return fullView(tx, cancelled);
        });
    }

    /** The captured stdout and stderr of a job's attempts (or one task's), each under a header line. */
    public String logs(String owner, String jobId, Integer task) {
        JobId id = parseJobId(jobId);
        record Part(AttemptRecord attempt, AttemptLogs logs) {}
        List<Part> parts = store.inTransaction(tx -> {
            JobRecord job = owned(tx, owner, id);
            if (task != null && (task < 0 || task >= job.spec().taskCount()))
                throw new CoordinatorException.Invalid("task", "must be between 0 and " + (job.spec().taskCount() - 1) + ", was " + task);
            List<Part> ps = new ArrayList<>();
            for (AttemptRecord a : tx.attempts(id)) {
                if (task != null && a.task().index() != task) continue;
                tx.logs(a.id()).ifPresent(l -> ps.add(new Part(a, l)));
            }
            return ps;
        });
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            appendLog(out, p.attempt(), "stdout", p.logs().stdout());
            appendLog(out, p.attempt(), "stderr", p.logs().stderr());
        }
        return out.toString();
    }

    /** The outputs of one succeeded task; 409 with the task's state when it has not succeeded. */
    public List<BlobRef> taskResults(String owner, String jobId, int index) {
        JobId id = parseJobId(jobId);
        return store.inTransaction(tx -> {
            JobRecord job = owned(tx, owner, id);
            if (index < 0 || index >= job.spec().taskCount()) throw new CoordinatorException.NotFound("task", id + "/" + index);
            TaskRecord t = tx.task(new TaskId(id, index)).orElseThrow();
            if (t.state() != TaskState.SUCCEEDED)
                throw new CoordinatorException.Conflict("task " + index + " of job " + id + " has no results: it is " + t.state(), t.state().name());
            return tx.outputs(t.id());
        });
    }

    public java.nio.file.Path taskResultFile(String owner, String jobId, int index, String name) {
        for (BlobRef b : taskResults(owner, jobId, index)) {
            if (b.name().equals(name)) return blobs.require(b.sha256());
        }
        throw new CoordinatorException.NotFound("output", name);
    }

    /**
     * The outputs of every succeeded task, by task index, for the results archive. The job must have ended:
     * 409 with its state while it runs. Checked before the first byte of the archive is sent, so that errors
     * still become problem details.
     */
    public Map<Integer, List<BlobRef>> archiveContents(String owner, String jobId) {
        JobId id = parseJobId(jobId);
        return store.inTransaction(tx -> {
            JobRecord job = owned(tx, owner, id);
            if (!job.state().isFinal())
                throw new CoordinatorException.Conflict("job " + id + " is still " + job.state() + "; its results are ready when it ends", job.state().name());
            return new java.util.TreeMap<>(tx.outputs(id));
        });
    }

    /** Streams {@code contents} as one zip ({@code task-00007/<path>}), reading each blob from disk as it goes. */
    public void writeArchive(Map<Integer, List<BlobRef>> contents, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : contents.entrySet()) {
                for (BlobRef b : e.getValue()) {
                    zip.putNextEntry(new ZipEntry(String.format("task-%05d/%s", e.getKey(), b.name())));
                    Files.copy(blobs.require(b.sha256()), zip);
                    zip.closeEntry();
                }
            }
        }
    }

    /**
     * What {@link #writeEmbeddings} will stream of a succeeded embed job: 400 naming {@code format} unless npy or jsonl (null:
     * npy), 404 for another account's job, 409 naming the state until it has succeeded. Checked before the first byte is sent.
     */
    public EmbedResults.Plan embeddings(String owner, String jobId, String format) {
        EmbedResults.Format f = EmbedResults.Format.parse(format);
        JobId id = parseJobId(jobId);
        return store.inTransaction(tx -> embedResults.plan(tx, owned(tx, owner, id), f));
    }

    /** Streams the embeddings of {@code plan} (from {@link #embeddings}) into {@code out}, reading one task's output at a time. */
    public void writeEmbeddings(EmbedResults.Plan plan, OutputStream out) throws IOException {
        embedResults.write(plan, out);
    }

    private static JobView fullView(StoreTx tx, JobRecord job) {
        JobView view = Views.job(job, tx.taskCounts(job.id()), tx.tasks(job.id()), tx.attempts(job.id()), tx.outputs(job.id()),
                tx.checkpoints(job.id()), tx.resumedFrom(job.id()), tx.backupOf(job.id()));
        var verdicts = tx.verdicts(job.id());
        return view.withVerification(org.gridmint.coordinator.verify.VerdictViews.verdicts(verdicts),
                org.gridmint.coordinator.verify.VerdictViews.summary(job, verdicts, tx.results(job.id())));
    }

    private static JobRecord owned(StoreTx tx, String owner, JobId id) {
        // No owner sees no job: there is no "all owners" view over HTTP.
        return tx.job(id).filter(j -> j.owner().equals(owner))
                .orElseThrow(() -> new CoordinatorException.NotFound("job", id));
    }

    static JobId parseJobId(String s) {
        if (!Ids.isValid(JobId.PREFIX, s)) throw new CoordinatorException.NotFound("job", s);
        return new JobId(s);
    }

    /** Every file of the spec, and an embed job's input, has exactly one uploaded blob named as it; nothing else is given. */
    private void checkFiles(JobSpec spec, List<BlobRef> files) {
        List<FieldError> errors = new ArrayList<>();
        var expected = new java.util.LinkedHashSet<>(spec.files());
        String input = spec.embeds() ? spec.embed().input() : null;
        if (input != null) expected.add(input);
        var given = new HashSet<String>();
        for (int i = 0; i < files.size(); i++) {
            BlobRef f = files.get(i);
            String field = "files[" + i + "]";
            if (f == null || f.name() == null) {
                errors.add(new FieldError(field, "must name a file of the spec"));
                continue;
            }
            if (!expected.contains(f.name()))
                errors.add(new FieldError(field + ".name", "'" + f.name() + "' is not one of the spec's files " + spec.files() + (input == null ? "" : " nor its input")));
            else if (!given.add(f.name())) errors.add(new FieldError(field + ".name", "'" + f.name() + "' is given twice"));
            if (!BlobStore.isSha256(f.sha256())) errors.add(new FieldError(field + ".sha256", "must be 64 lower-case hex characters"));
            else if (!blobs.exists(f.sha256())) errors.add(new FieldError(field + ".sha256", "no blob " + f.sha256() + " was uploaded; PUT it to /api/v1/blobs/{sha256} first"));
        }
        for (String name : expected) {
            if (given.contains(name) || files.stream().anyMatch(f -> f != null && name.equals(f.name()))) continue;
            if (name.equals(input)) errors.add(new FieldError("files", "the spec's input '" + name + "' needs an uploaded blob named '" + name + "'"));
            else errors.add(new FieldError("files", "the spec names '" + name + "' but no uploaded blob was given for it"));
        }
        if (!errors.isEmpty()) throw new CoordinatorException.Invalid(errors);
    }

    private static List<FieldError> prefixed(List<FieldError> errors) {
        return errors.stream().map(e -> new FieldError("spec." + e.field(), e.message())).toList();
    }

    private void appendLog(StringBuilder out, AttemptRecord a, String stream, BlobRef ref) {
        if (ref == null) return;
        out.append("=== task ").append(a.task().index()).append(" attempt ").append(a.number()).append(" on ").append(a.provider())
                .append(" (").append(a.state()).append(") ").append(stream).append(" ===\n");
        blobs.find(ref.sha256()).ifPresentOrElse(p -> {
            try {
                String s = Files.readString(p, StandardCharsets.UTF_8);
                out.append(s);
                if (!s.isEmpty() && !s.endsWith("\n")) out.append('\n');
            } catch (IOException e) {
                out.append("(unreadable: ").append(e.getMessage()).append(")\n");
            }
        }, () -> out.append("(missing blob ").append(ref.sha256()).append(")\n"));
    }
}
