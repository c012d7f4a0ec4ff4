package org.gridmint.provider.channel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.gridmint.api.channel.ChannelMessage;
import org.gridmint.api.channel.ChannelMessage.CallFailed;
import org.gridmint.api.channel.ChannelMessage.EmbedCall;
import org.gridmint.api.channel.ChannelMessage.Embedded;
import org.gridmint.embed.ModelInfo;
import org.gridmint.embed.ModelRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one {@link EmbedCall} from the agent's {@link ModelRegistry}: the vectors, or a failure that says whether another
 * provider may do better. A call this provider can never answer (a model it does not serve, no or null texts) is not
 * retryable: the coordinator would only get the same answer elsewhere. Anything else that goes wrong (ONNX Runtime, memory)
 * is this machine's trouble, so it is retryable.
 */
public final class EmbedCalls {
    private static final Logger log = LoggerFactory.getLogger(EmbedCalls.class);

    private final ModelRegistry registry;

    public EmbedCalls(ModelRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The answer to {@code call}; never throws. */
    public ChannelMessage answer(EmbedCall call) {
        String refusal = refusal(call);
        if (refusal != null) return new CallFailed(call.id(), refusal, false);
        try {
            float[][] rows = registry.get(call.model()).embed(call.input());
            int dims = rows.length == 0 ? 0 : rows[0].length;
            return new Embedded(call.id(), rows.length, dims, encode(rows, dims));
        } catch (IllegalArgumentException e) {
            return new CallFailed(call.id(), "bad input: " + e.getMessage(), false);
        } catch (RuntimeException | OutOfMemoryError e) {
            log.warn("embedding call {} ({} text(s) with {}) failed", call.id(), call.input().size(), call.model(), e);
            return new CallFailed(call.id(), "the provider failed to embed: " + e, true);
        }
    }

    private String refusal(EmbedCall call) {
        if (call.model() == null || registry.models().stream().map(ModelInfo::name).noneMatch(call.model()::equals)) {
            return "model " + call.model() + " is not served by this provider";
        }
        List<String> input = call.input();
        if (input == null || input.isEmpty()) return "input must hold at least one text";
        for (int i = 0; i < input.size(); i++) if (input.get(i) == null) return "input[" + i + "] is null";
        return null;
    }

    /** Rows of float32, little-endian, one after the other, in base64: the wire form of {@link Embedded#vectors()}. */
    public static String encode(float[][] rows, int dims) {
        ByteBuffer b = ByteBuffer.allocate(rows.length * dims * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            if (row.length != dims) throw new IllegalStateException("rows of " + row.length + " and " + dims + " floats in one answer");
            for (float f : row) b.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** The inverse of {@link #encode}. */
    public static float[][] decode(String base64, int count, int dims) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() != count * dims * Float.BYTES) {
            throw new IllegalArgumentException(count + " rows of " + dims + " floats need " + count * dims * Float.BYTES + " bytes, got " + b.remaining());
        }
        float[][] rows = new float[count][dims];
        for (float[] row : rows) for (int j = 0; j < dims; j++) row[j] = b.getFloat();
        return rows;
    }
}
