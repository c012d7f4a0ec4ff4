package org.gridmint.api.channel;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.gridmint.api.ModelOffer;

/** One frame on the provider channel. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ChannelMessage.Ready.class, name = "ready"),
        @JsonSubTypes.Type(value = ChannelMessage.EmbedCall.class, name = "embed"),
        @JsonSubTypes.Type(value = ChannelMessage.Embedded.class, name = "embedded"),
        @JsonSubTypes.Type(value = ChannelMessage.CallFailed.class, name = "failed"),
        @JsonSubTypes.Type(value = ChannelMessage.Alive.class, name = "alive")})
public sealed interface ChannelMessage {

    /**
     * Provider to coordinator, first frame after the channel opens (and again whenever what it serves changes): the
     * models it serves online and how many calls it takes at once.
     */
    record Ready(List<ModelOffer> models, int capacity) implements ChannelMessage {}

    /** Coordinator to provider: embed {@code input} with {@code model} and answer with the same {@code id}. */
    record EmbedCall(String id, String model, List<String> input) implements ChannelMessage {}

    /**
     * Provider to coordinator: the vectors of call {@code id}, {@code count} rows of {@code dimensions} float32, little-endian,
     * row after row, in base64.
     */
    record Embedded(String id, int count, int dimensions, String vectors) implements ChannelMessage {}

    /** Provider to coordinator: call {@code id} failed; {@code retryable} when another provider may well succeed. */
    record CallFailed(String id, String message, boolean retryable) implements ChannelMessage {}

    /**
     * Provider to coordinator, every few seconds while it has calls running (and now and then when idle): it is alive, so
     * a call slower than the coordinator's call timeout does not get its channel taken for dead. WebSocket pings would not
     * do: the coordinator does not see them.
     */
    record Alive() implements ChannelMessage {}
}
