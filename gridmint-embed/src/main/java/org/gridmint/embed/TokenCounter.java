package org.gridmint.embed;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A model's tokenizer alone (no ONNX session), for counting billed tokens; thread-safe. */
public final class TokenCounter implements AutoCloseable {
    private static final ConcurrentMap<String, TokenCounter> SHARED = new ConcurrentHashMap<>();

    private final ModelInfo model;
    private final Tokenization tokenizer;
    private final boolean shared;

    private TokenCounter(ModelInfo model, Tokenization tokenizer, boolean shared) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.shared = shared;
    }

    /** A new counter for {@code model} (a catalog name); loading one takes tens of milliseconds, so keep it. */
    public static TokenCounter forModel(String model) {
        ModelInfo info = ModelCatalog.require(model);
        return new TokenCounter(info, Tokenization.load(info), false);
    }

    /** The JVM-wide counter for {@code model}, loaded on first use; its {@link #close} does nothing. */
    public static TokenCounter shared(String model) {
        ModelInfo info = ModelCatalog.require(model);
        return SHARED.computeIfAbsent(info.name(), n -> new TokenCounter(info, Tokenization.load(info), true));
    }

    public ModelInfo model() {
        return model;
    }

    /** Tokens the model reads for {@code text}: the same count as {@link Embedder#countTokens}. */
    public int count(String text) {
        if (text == null) throw new IllegalArgumentException("text: required");
        return tokenizer.ids(text).length;
    }

    public int countAll(List<String> texts) {
        int n = 0;
        for (String t : texts) n += count(t);
        return n;
    }

    @Override
    public void close() {
        if (!shared) tokenizer.close();
    }
}
