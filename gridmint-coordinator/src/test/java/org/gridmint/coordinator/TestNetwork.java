package org.gridmint.coordinator;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gridmint.api.Assignment;
import org.gridmint.api.BlobRef;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.JobView;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.api.SubmitJobRequest;
import org.gridmint.coordinator.blobs.BlobStore;
import org.gridmint.core.spec.JobSpecDraft;

/**
 * A coordinator's services wired in-process on a temp dir with a hand-moved clock: what the service tests
 * drive. Fixture helpers return valid requests so a test states only what differs.
 */
public final class TestNetwork implements AutoCloseable {
    public final MutableClock clock = MutableClock.atEpochDay();
    public final Coordinator coordinator;
    public final CoordinatorConfig config;

    public TestNetwork(Path dir) {
        this.config = CoordinatorConfig.defaults(dir).withPort(0).withHeartbeat(Duration.ofSeconds(2));
        this.coordinator = new Coordinator(config, clock);
    }

    public String provider(String name, String price, int slots) {
        return coordinator.providers().register(new RegisterProviderRequest(null, name, 4, 8192, List.of(), "local",
                new BigDecimal(price), slots, true, "test")).id();
    }

    public static JobSpecDraft spec(int tasks) {
        return new JobSpecDraft("test-job", "exec", List.of("true"), tasks, null, null, null, null, null, null, 2, null, null);
    }

    public JobView submit(String owner, JobSpecDraft spec) {
        return coordinator.jobs().submit(owner, new SubmitJobRequest(spec, List.of()));
    }

    public List<Assignment> claim(String provider, int max) {
        try {
            return coordinator.work().claim(provider, new ClaimRequest(max, 0));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public BlobRef blob(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String sha = BlobStore.sha256(bytes);
        new BlobStore(config.dataDir().resolve("blobs"), config.maxBlobBytes()).put(sha, new ByteArrayInputStream(bytes));
        return new BlobRef(name, sha, bytes.length);
    }

    public void complete(String provider, Assignment a) {
        coordinator.work().complete(a.attemptId(), new CompleteRequest(provider, 0, List.of(blob("out/result.txt", "task " + a.taskIndex())), null, null, 5));
    }

    @Override
    public void close() {
        coordinator.close();
    }
}
