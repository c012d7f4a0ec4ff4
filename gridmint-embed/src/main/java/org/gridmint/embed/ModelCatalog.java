package org.gridmint.embed;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The models this build ships (their weights and tokenizers come inside Maven Central artifacts). */
public final class ModelCatalog {
    /** The model a spec or request gets when it names none. */
    public static final String DEFAULT = "all-minilm-l6-v2-q";

    // 256 is all-MiniLM-L6-v2's max_seq_length in sentence-transformers (its BERT could read 512, but it was trained on 256).
    private static final List<ModelInfo> ALL = List.of(
            new ModelInfo("all-minilm-l6-v2-q",
                    "all-MiniLM-L6-v2 sentence embeddings, int8-quantised (fast; the default)", 384, "int8", 256),
            new ModelInfo("all-minilm-l6-v2",
                    "all-MiniLM-L6-v2 sentence embeddings, fp32 weights", 384, "fp32", 256));

    private ModelCatalog() {}

    public static List<ModelInfo> all() {
        return ALL;
    }

    public static Optional<ModelInfo> find(String name) {
        return all().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The model named {@code name}; an unknown name is an IllegalArgumentException that lists the known ones. */
    public static ModelInfo require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "model: unknown model '" + name + "' (known: " + names() + ")"));
    }

    /** The known model names, comma-separated, for messages. */
    static String names() {
        return ALL.stream().map(ModelInfo::name).collect(Collectors.joining(", "));
    }

    // The langchain4j model jars carry both files at the jar root, named after the model.
    static String onnxResource(ModelInfo model) {
        return model.name() + ".onnx";
    }

    static String tokenizerResource(ModelInfo model) {
        return model.name() + "-tokenizer.json";
    }
}
