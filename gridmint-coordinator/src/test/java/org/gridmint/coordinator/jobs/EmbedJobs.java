package org.gridmint.coordinator.jobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.gridmint.api.Assignment;
import org.gridmint.api.BlobRef;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.JobView;
import org.gridmint.api.SubmitJobRequest;
import org.gridmint.api.embed.ShardFile;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.blobs.BlobStore;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.spec.JobSpecDraft;
import org.gridmint.embed.Vectors;

/** Fixtures of the embed job tests: specs, submissions with an uploaded input, and providers that report synthetic vectors. */
final class EmbedJobs {
    static final String MODEL = "all-minilm-l6-v2-q";
    static final int DIMS = 384;

    private EmbedJobs() {}

    /** An embed spec over {@code input} with {@code shard} items per task, verifying {@code verify}. */
    static JobSpecDraft spec(String model, String input, int shard, String verify) {
        return new JobSpecDraft("embed-corpus", "embed", null, null, null, null, null, null, null, null, 2, null, null, null, null,
                JobSpecDraft.VerifyDraft.ofPolicy(verify), null, model, input, shard, null, null);
    }

    /** Submits as {@code owner} with {@code files} uploaded, funding it well beyond any embed job's hold first. */
    static JobView submit(TestNetwork net, String owner, JobSpecDraft spec, List<BlobRef> files) {
        net.fund(AccountId.of(owner), "1000");
        return net.coordinator.jobs().submit(owner, new SubmitJobRequest(spec, files));
    }

    /** The unit vector item {@code i} of the input gets: distinct per item, so an order mix-up shows. */
    static float[] vector(int i) {
        float[] v = new float[DIMS];
        double norm = 0;
        for (int k = 0; k < DIMS; k++) {
            v[k] = (float) Math.sin(i * 7.31 + k * 0.113);
            norm += v[k] * v[k];
        }
        for (int k = 0; k < DIMS; k++) v[k] = (float) (v[k] / Math.sqrt(norm));
        return v;
    }

    /** The shard an assignment hands over, read back from the coordinator's blob store. */
    static List<ShardFile.Entry> shard(TestNetwork net, Assignment a) {
        try {
            return ShardFile.read(Files.readAllBytes(blobs(net).require(a.files().getFirst().sha256())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reports the assignment done, as an embed runtime would: one row per shard item, the vector of its index. */
    static void completeWithVectors(TestNetwork net, AccountId caller, String provider, Assignment a) {
        List<ShardFile.Entry> entries = shard(net, a);
        float[][] rows = entries.stream().map(e -> vector(e.i())).toArray(float[][]::new);
        BlobRef out = net.blob("embeddings.npy", Vectors.toNpy(rows));
        net.coordinator.work().complete(caller, a.attemptId(), new CompleteRequest(provider, 0, List.of(out), null, null, 5));
    }

    /** The job's embeddings as the route would send them. */
    static byte[] embeddings(TestNetwork net, String owner, String job, String format) {
        var plan = net.coordinator.jobs().embeddings(owner, job, format);
        var out = new ByteArrayOutputStream();
        try {
            net.coordinator.jobs().writeEmbeddings(plan, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BlobStore blobs(TestNetwork net) {
        return new BlobStore(net.config.dataDir().resolve("blobs"), net.config.maxBlobBytes());
    }

    static JobId id(JobView v) {
        return JobId.of(v.id());
    }
}
