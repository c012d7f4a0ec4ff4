package org.gridmint.coordinator.store;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.gridmint.api.BlobRef;
import org.gridmint.api.GpuInfo;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.lifecycle.JobState;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.core.scheduling.TaskRecord;
import org.gridmint.core.spec.JobSpecDraft;
import org.gridmint.core.spec.JobSpecValidator;

/** Valid store records with the few knobs the store tests turn; instants are whole milliseconds, as stored. */
final class StoreFixtures {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private StoreFixtures() {}

    static Instant at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }

    // --- jobs and tasks

    static JobSpecDraft draft(int tasks) {
        return new JobSpecDraft("render", "exec", List.of("sh", "-c", "echo hi"), tasks, null, List.of("in.txt"),
                List.of("out/*.json"), null, null, null, null, null, null, null);
    }

    /** A draft that sets every field, so a JSON round trip has something to lose. */
    static JobSpecDraft fullDraft() {
        return new JobSpecDraft("infer batch.1", "exec", List.of("python", "infer.py"), 2, List.of(List.of("--shard", "0"), List.of("--shard", "1")),
                List.of("data/model.bin", "infer.py"), List.of("out/*.json", "metrics.txt"),
                new JobSpecDraft.ResourcesDraft(4, 8_192L, 1, "T4", 15_000L), new BigDecimal("0.25"), "90m", 5,
                List.of("eu-west", "us-east"), true, null);
    }

    static JobRecord job(String id) {
        return job(id, "alice", T0);
    }

    static JobRecord job(String id, String owner, Instant createdAt) {
        return job(id, owner, createdAt, draft(3));
    }

    /** A job as the store keeps it: a draft without a verify key says adaptive explicitly, as submission does. */
    static JobRecord job(String id, String owner, Instant createdAt, JobSpecDraft draft) {
        return jobAsGiven(id, owner, createdAt, JobSql.explicitVerify(draft));
    }

    /** A job with its draft exactly as given (a missing verify key stays missing). */
    static JobRecord jobAsGiven(String id, String owner, Instant createdAt, JobSpecDraft draft) {
        var spec = ((JobSpecValidator.Valid) JobSpecValidator.validate(draft)).spec();
        return new JobRecord(JobId.of(id), owner, draft, spec, List.of(blob("in.txt")), JobState.PENDING, createdAt, createdAt, null, null);
    }

    static JobRecord withState(JobRecord job, JobState state) {
        return job.withState(state, job.updatedAt().plusSeconds(1), state == JobState.FAILED ? "task 0 failed" : null);
    }

    static JobRecord withFiles(JobRecord j, List<BlobRef> files) {
        return new JobRecord(j.id(), j.owner(), j.draft(), j.spec(), files, j.state(), j.createdAt(), j.updatedAt(), j.finishedAt(), j.failureReason());
    }

    static List<TaskRecord> tasks(JobRecord job) {
        return IntStream.range(0, job.spec().taskCount()).mapToObj(i -> TaskRecord.pending(new TaskId(job.id(), i), job.createdAt())).toList();
    }

    static TaskId task(String job, int index) {
        return new TaskId(JobId.of(job), index);
    }

    /** The task after one more attempt was handed to a provider. */
    static TaskRecord assigned(TaskRecord t, Instant now) {
        return new TaskRecord(t.id(), TaskState.ASSIGNED, t.attempts() + 1, t.failures(), t.lastFailedProvider(), t.lastReason(), now);
    }

    static TaskRecord withState(TaskRecord t, TaskState state) {
        return new TaskRecord(t.id(), state, t.attempts(), t.failures(), t.lastFailedProvider(), t.lastReason(), t.updatedAt().plusSeconds(1));
    }

    // --- attempts

    static AttemptRecord attempt(String id, TaskId task, int number, String provider, Instant leaseExpiresAt) {
        return new AttemptRecord(AttemptId.of(id), task, number, ProviderId.of(provider), AttemptState.ASSIGNED, null, null, null,
                leaseExpiresAt.minusSeconds(30), null, null, leaseExpiresAt, null);
    }

    static AttemptRecord ended(AttemptRecord a, AttemptState state) {
        Instant end = a.leaseExpiresAt().minusSeconds(1);
        AttemptReason reason = state == AttemptState.FAILED ? AttemptReason.EXIT_NONZERO : state == AttemptState.LOST ? AttemptReason.PROVIDER_LOST : null;
        Integer exit = switch (state) {
            case FAILED -> 3;
            case SUCCEEDED -> 0;
            default -> null;
        };
        return new AttemptRecord(a.id(), a.task(), a.number(), a.provider(), state, reason, reason == null ? null : "exit 3", exit,
                a.assignedAt(), a.assignedAt().plusSeconds(1), end, a.leaseExpiresAt(), "100%");
    }

    // --- providers and blobs

    static ProviderRecord provider(String id) {
        return provider(id, T0);
    }

    static ProviderRecord provider(String id, Instant registeredAt) {
        return new ProviderRecord(ProviderId.of(id), "acct-alice", "box " + id, 16, 65_536, List.of(new GpuInfo("Tesla T4", 15_360, "GPU-" + id)),
                "eu-west", Credits.parse("0.12"), 2, true, "0.1.0", registeredAt, registeredAt, false, null);
    }

    /** The versions of the migrations on the class path ({@code V2__x.sql} is "2"), in order. */
    static List<String> migrationVersions() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(StoreFixtures.class.getResource("/db/migration").toURI()))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).sorted(java.util.Comparator.comparingInt(Integer::parseInt)).toList();
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    static BlobRef blob(String name) {
        return new BlobRef(name, sha256(name), name.length() * 100L);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
