package org.gridmint.api.json;

import java.util.List;
import org.gridmint.core.spec.FieldError;

/** Input that could not be read or is not valid, with every offending field; answered as HTTP 400. */
public final class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(FieldError error) {
        this(List.of(error));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).reduce((a, b) -> a + "; " + b).orElse("invalid input");
    }
}
