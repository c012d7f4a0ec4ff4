package org.gridmint.embed;

import java.util.List;

/** A model's tokenizer alone (no ONNX session), for counting billed tokens; thread-safe. */
public final class TokenCounter implements AutoCloseable {

    public static TokenCounter forModel(String model) {
        throw new UnsupportedOperationException("issue 6: being built");
    }

    /** Tokens the model reads for {@code text}: the same count as {@link Embedder#countTokens}. */
    public int count(String text) {
        throw new UnsupportedOperationException("issue 6: being built");
    }

    public int countAll(List<String> texts) {
        int n = 0;
        for (String t : texts) n += count(t);
        return n;
    }

    @Override
    public void close() {}
}
