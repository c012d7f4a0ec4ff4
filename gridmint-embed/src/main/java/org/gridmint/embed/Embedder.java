package org.gridmint.embed;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded model: a single ONNX Runtime session shared by every caller (thread-safe), the model's tokenizer,
 * mean pooling over the attention mask and L2 normalisation.
 *
 * <p>Concurrency: {@link OrtSession#run} is thread-safe, so callers share the session; a read-write lock only keeps
 * {@link #close} from freeing the native session under a running call.
 */
public final class Embedder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Embedder.class);
    /** Texts per ONNX run of an fp32 model: large enough to use the cores well, small enough that one long text pads few others. */
    static final int FP32_BATCH = 64;

    private final ModelInfo model;
    private final Device device;
    private final Tokenization tokenizer;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String output;
    private final boolean wantsTypeIds;
    private final int batch;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private Embedder(ModelInfo model, Device device, Tokenization tokenizer, OrtEnvironment env, OrtSession session, int batch) {
        this.model = model;
        this.device = device;
        this.tokenizer = tokenizer;
        this.env = env;
        this.session = session;
        this.batch = batch;
        this.output = session.getOutputNames().contains("last_hidden_state")
                ? "last_hidden_state" : session.getOutputNames().iterator().next();
        this.wantsTypeIds = session.getInputNames().contains("token_type_ids");
    }

    /** Loads {@code model} on the preferred device; AUTO takes CUDA when a GPU and the CUDA build of ONNX Runtime are there. */
    public static Embedder load(String model, DevicePreference preference) {
        return load(model, preference, batchFor(ModelCatalog.require(model)));
    }

    /**
     * Texts per ONNX run. An int8 model quantises its activations with one scale per tensor (DynamicQuantizeLinear), so
     * in a batch every text's vector would depend on the others and on the padding (cosine as low as 0.99 against the
     * text run alone); it runs one text at a time, so a vector depends on its text only, whoever computes it and however
     * the input was split. fp32 results do not depend on the batch beyond rounding.
     */
    static int batchFor(ModelInfo model) {
        return model.weights().equals("int8") ? 1 : FP32_BATCH;
    }

    static Embedder load(String model, DevicePreference preference, int batch) {
        if (preference == null) throw new IllegalArgumentException("preference: required (AUTO, CPU or CUDA)");
        if (batch < 1) throw new IllegalArgumentException("batch: must be at least 1, was " + batch);
        ModelInfo info = ModelCatalog.require(model);
        Device device = Devices.choose(preference);
        long start = System.nanoTime();
        byte[] weights = Resources.read(ModelCatalog.onnxResource(info));
        Tokenization tokenizer = Tokenization.load(info);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (SessionOptions options = Devices.options(device)) {
            OrtSession session = env.createSession(weights, options);
            log.info("loaded model {} ({}) on {} in {} ms", info.name(), info.weights(), device.wireName(),
                    (System.nanoTime() - start) / 1_000_000);
            return new Embedder(info, device, tokenizer, env, session, batch);
        } catch (OrtException | RuntimeException e) {
            tokenizer.close();
            throw new EmbedException("model " + info.name() + ": cannot start an ONNX Runtime session on "
                    + device.wireName() + ": " + e.getMessage(), e);
        }
    }

    public ModelInfo model() {
        return model;
    }

    public Device device() {
        return device;
    }

    /** One unit-length vector per text, in order. */
    public float[][] embed(List<String> texts) {
        if (texts == null) throw new IllegalArgumentException("texts: required");
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) throw new IllegalArgumentException("texts[" + i + "]: null");
        }
        float[][] out = new float[texts.size()][];
        if (texts.isEmpty()) return out;
        lock.readLock().lock();
        try {
            requireOpen();
            long[][] ids = tokenizer.ids(texts);
            // Longest first, so that each batch holds texts of similar length and pads little.
            Integer[] order = new Integer[ids.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(order, Comparator.comparingInt((Integer i) -> ids[i].length).reversed());
            for (int from = 0; from < order.length; from += batch) {
                int[] rows = new int[Math.min(batch, order.length - from)];
                for (int r = 0; r < rows.length; r++) rows[r] = order[from + r];
                run(ids, rows, out);
            }
            return out;
        } catch (OrtException e) {
            throw new EmbedException("model " + model.name() + ": ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Tokens the model reads for {@code text}, special tokens included, after truncation to its maximum. */
    public int countTokens(String text) {
        if (text == null) throw new IllegalArgumentException("text: required");
        lock.readLock().lock();
        try {
            requireOpen();
            return tokenizer.ids(text).length;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs the texts {@code rows} (indexes into {@code ids}) as one padded batch and stores their vectors in {@code out}. */
    private void run(long[][] ids, int[] rows, float[][] out) throws OrtException {
        int width = 0;
        for (int row : rows) width = Math.max(width, ids[row].length);
        long[] shape = {rows.length, width};
        LongBuffer inputIds = LongBuffer.allocate(rows.length * width);
        LongBuffer mask = LongBuffer.allocate(rows.length * width);
        for (int row : rows) {
            long[] t = ids[row];
            for (int j = 0; j < width; j++) {
                inputIds.put(j < t.length ? t[j] : 0L);
                mask.put(j < t.length ? 1L : 0L);
            }
        }
        inputIds.flip();
        mask.flip();
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(env, inputIds, shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(env, mask, shape);
             // Single-sentence inputs: every token is segment 0.
             OnnxTensor typeTensor = OnnxTensor.createTensor(env, LongBuffer.allocate(rows.length * width), shape)) {
            Map<String, OnnxTensor> inputs = wantsTypeIds
                    ? Map.of("input_ids", idsTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor)
                    : Map.of("input_ids", idsTensor, "attention_mask", maskTensor);
            try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
                OnnxValue value = result.get(0);
                FloatBuffer hidden = ((OnnxTensor) value).getFloatBuffer();
                int dims = model.dimensions();
                if (hidden.remaining() != rows.length * width * dims) {
                    throw new EmbedException("model " + model.name() + ": output " + output + " has "
                            + hidden.remaining() + " values, expected " + rows.length + "x" + width + "x" + dims);
                }
                for (int r = 0; r < rows.length; r++) {
                    out[rows[r]] = pool(hidden, r * width * dims, ids[rows[r]].length, dims);
                }
            }
        }
    }

    /** Mean of the first {@code tokens} hidden states of one row (the unpadded ones), scaled to unit length. */
    private static float[] pool(FloatBuffer hidden, int offset, int tokens, int dims) {
        double[] sum = new double[dims];
        for (int t = 0; t < tokens; t++) {
            int base = offset + t * dims;
            for (int d = 0; d < dims; d++) sum[d] += hidden.get(base + d);
        }
        double norm = 0;
        for (int d = 0; d < dims; d++) {
            sum[d] /= Math.max(tokens, 1);
            norm += sum[d] * sum[d];
        }
        // sentence-transformers' Normalize: divide by max(norm, 1e-12).
        double scale = 1.0 / Math.max(Math.sqrt(norm), 1e-12);
        float[] v = new float[dims];
        for (int d = 0; d < dims; d++) v[d] = (float) (sum[d] * scale);
        return v;
    }

    private void requireOpen() {
        if (closed) throw new IllegalStateException("model " + model.name() + ": embedder is closed");
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            try {
                session.close();
            } catch (OrtException e) {
                log.warn("closing the ONNX Runtime session of {}: {}", model.name(), e.getMessage());
            }
            tokenizer.close();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
