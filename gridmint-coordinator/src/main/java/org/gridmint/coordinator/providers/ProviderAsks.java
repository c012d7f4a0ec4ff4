package org.gridmint.coordinator.providers;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.Asks;
import org.gridmint.core.spec.FieldError;

/** Reads asks per resource class from the wire, checking each against the provider's classes, and writes them back. */
final class ProviderAsks {
    /** More classes than any provider has: a body past this is not a list of asks. */
    private static final int MAX_ENTRIES = 64;

    private ProviderAsks() {}

    /**
     * The asks in {@code raw} by the provider's own class names (cpu, gpu:MODEL as its probe spells the model), adding a
     * problem to {@code errors}, under {@code asks.<class as given>}, for each unknown class, class the provider lacks, or
     * price that is missing, not above 0, above the limit or finer than a micro-credit.
     */
    static Map<String, Credits> parse(Map<String, BigDecimal> raw, List<String> gpuModels, List<FieldError> errors) {
        Map<String, Credits> out = new LinkedHashMap<>();
        if (raw.size() > MAX_ENTRIES) {
            errors.add(new FieldError("asks", "must have at most " + MAX_ENTRIES + " classes, had " + raw.size()));
            return out;
        }
        Map<String, String> givenAs = new LinkedHashMap<>();
        raw.forEach((name, price) -> {
            String field = "asks." + name;
            String cls;
            try {
                cls = Asks.resolve(name, gpuModels);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field, e.getMessage()));
                return;
            }
            String earlier = givenAs.putIfAbsent(cls, name);
            if (earlier != null) {
                errors.add(new FieldError(field, "names " + cls + " again, as '" + earlier + "' did"));
                return;
            }
            if (price == null) {
                errors.add(new FieldError(field, "is required: credits per " + unit(cls) + ", e.g. 0.25"));
                return;
            }
            try {
                Credits c = Credits.of(price);
                if (c.micros() <= 0 || c.compareTo(ProviderService.MAX_PRICE) > 0)
                    errors.add(new FieldError(field, "must be more than 0 and at most " + ProviderService.MAX_PRICE + " credits per " + unit(cls)
                            + ", was " + price.toPlainString()));
                else out.put(cls, c);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field, e.getMessage()));
            }
        });
        return out;
    }

    /** The asks as the API shows them: class to credits per unit-hour, cpu first. */
    static Map<String, BigDecimal> view(Asks asks) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        asks.byClass().forEach((k, v) -> out.put(k, v.toBigDecimal()));
        return out;
    }

    private static String unit(String cls) {
        return cls.equals(Asks.CPU) ? "core-hour" : "GPU-hour";
    }
}
