package org.gridmint.coordinator.providers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gridmint.api.ModelOffer;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.FieldError;
import org.gridmint.embed.ModelCatalog;
import org.gridmint.embed.ModelInfo;

/** Checks the embedding models a provider registers with against this build's catalog. */
final class ProviderModels {
    /** More than any catalog holds: a registration past this is not a list of models. */
    private static final int MAX_MODELS = 64;
    private static final Set<String> DEVICES = Set.of("cpu", "cuda");
    /** A token price above this (credits per million tokens) is a typo, not an ask. */
    static final Credits MAX_TOKEN_PRICE = Credits.parse("1000");

    private ProviderModels() {}

    /**
     * The offers in {@code raw} (null: none), adding a problem to {@code errors} under {@code models[i].<field>} for each
     * unknown model, model named twice, device other than cpu or cuda, dimensions other than the model's, or token price
     * below 0, above the limit or finer than a micro-credit.
     */
    static List<ModelOffer> parse(List<ModelOffer> raw, List<FieldError> errors) {
        if (raw == null || raw.isEmpty()) return List.of();
        if (raw.size() > MAX_MODELS) {
            errors.add(new FieldError("models", "must have at most " + MAX_MODELS + " entries, had " + raw.size()));
            return List.of();
        }
        List<ModelOffer> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            ModelOffer m = raw.get(i);
            String field = "models[" + i + "]";
            if (m == null || m.name() == null || m.name().isBlank()) {
                errors.add(new FieldError(field + ".name", "is required: one of " + known()));
                continue;
            }
            ModelInfo info = ModelCatalog.find(m.name()).orElse(null);
            int before = errors.size();
            if (info == null) errors.add(new FieldError(field + ".name", "unknown model '" + m.name() + "' (known: " + known() + ")"));
            else if (!seen.add(m.name())) errors.add(new FieldError(field + ".name", "'" + m.name() + "' is named twice"));
            if (m.device() == null || !DEVICES.contains(m.device()))
                errors.add(new FieldError(field + ".device", "must be cpu or cuda, was '" + m.device() + "'"));
            if (info != null && m.dimensions() != info.dimensions())
                errors.add(new FieldError(field + ".dimensions", "must be " + info.dimensions() + " for " + m.name() + ", was " + m.dimensions()));
            checkPrice(m.tokenPrice(), field + ".tokenPrice", errors);
            if (errors.size() == before) out.add(m);
        }
        return out;
    }

    private static void checkPrice(BigDecimal price, String field, List<FieldError> errors) {
        if (price == null) return; // the gateway's default applies
        try {
            Credits c = Credits.of(price);
            if (c.micros() < 0 || c.compareTo(MAX_TOKEN_PRICE) > 0)
                errors.add(new FieldError(field, "must be between 0 and " + MAX_TOKEN_PRICE + " credits per million tokens, was " + price.toPlainString()));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
        }
    }

    /** The catalog's model names, comma-separated, for messages. */
    static String known() {
        return String.join(", ", ModelCatalog.all().stream().map(ModelInfo::name).toList());
    }
}
