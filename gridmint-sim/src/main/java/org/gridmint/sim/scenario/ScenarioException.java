package org.gridmint.sim.scenario;

import java.util.List;
import java.util.stream.Collectors;
import org.gridmint.core.spec.FieldError;

/** A scenario that cannot be run: every problem found, each naming its field and why. */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<FieldError> errors;

    public ScenarioException(List<FieldError> errors) {
        super("invalid scenario:\n" + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
