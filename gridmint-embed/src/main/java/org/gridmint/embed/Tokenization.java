package org.gridmint.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A model's tokenizer with the settings the model is run with: special tokens added, truncated to the model's maximum,
 * no padding (the embedder pads each batch itself, so a text's ids are exactly what the model reads).
 */
final class Tokenization implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;

    private Tokenization(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Builds the tokenizer from the tokenizer.json inside the model jar (never from a hub name: that downloads). */
    static Tokenization load(ModelInfo model) {
        // The shipped tokenizer.json says truncate at 128 and pad to a fixed 128; these options replace both.
        Map<String, String> options = Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "padding", "false",
                "maxLength", Integer.toString(model.maxTokens()),
                "modelMaxLength", Integer.toString(model.maxTokens()));
        String resource = ModelCatalog.tokenizerResource(model);
        try (InputStream in = Resources.open(resource)) {
            return new Tokenization(HuggingFaceTokenizer.newInstance(in, options));
        } catch (IOException | RuntimeException e) {
            throw new EmbedException("model " + model.name() + ": cannot load tokenizer " + resource + ": " + e.getMessage(), e);
        }
    }

    /** The ids the model reads for {@code text}, special tokens included, after truncation. */
    long[] ids(String text) {
        return tokenizer.encode(text).getIds();
    }

    /** The ids of each text, in order. */
    long[][] ids(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        long[][] ids = new long[encodings.length][];
        for (int i = 0; i < encodings.length; i++) ids[i] = encodings[i].getIds();
        return ids;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
