package org.gridmint.embed;

import java.util.List;
import java.util.Optional;

/** The models this build ships (their weights and tokenizers come inside Maven Central artifacts). */
public final class ModelCatalog {
    /** The model a spec or request gets when it names none. */
    public static final String DEFAULT = "all-minilm-l6-v2-q";

    private ModelCatalog() {}

    public static List<ModelInfo> all() {
        throw new UnsupportedOperationException("issue 6: being built");
    }

    public static Optional<ModelInfo> find(String name) {
        return all().stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
