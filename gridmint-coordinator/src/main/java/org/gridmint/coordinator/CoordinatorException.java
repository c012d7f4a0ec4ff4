package org.gridmint.coordinator;

import java.util.List;
import org.gridmint.core.spec.FieldError;

/**
 * The closed set of errors the coordinator answers with; the HTTP layer maps each to one status in one place.
 */
public abstract sealed class CoordinatorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CoordinatorException(String message) {
        super(message);
    }

    /** 404: no such job, task, attempt, provider or blob (or not the caller's). */
    public static final class NotFound extends CoordinatorException {
        private static final long serialVersionUID = 1L;

        public NotFound(String what, Object id) {
            super(what + " '" + id + "' does not exist");
        }
    }

    /** 409: the request does not fit the resource's current state, which it names. */
    public static final class Conflict extends CoordinatorException {
        private static final long serialVersionUID = 1L;
        private final String state;

        public Conflict(String message, String state) {
            super(message);
            this.state = state;
        }

        public String state() {
            return state;
        }
    }

    /** 400: the input is invalid; every offending field is listed. */
    public static final class Invalid extends CoordinatorException {
        private static final long serialVersionUID = 1L;
        private final transient List<FieldError> errors;

        public Invalid(List<FieldError> errors) {
            super(errors.stream().map(FieldError::toString).reduce((a, b) -> a + "; " + b).orElse("invalid input"));
            this.errors = List.copyOf(errors);
        }

        public Invalid(String field, String message) {
            this(List.of(new FieldError(field, message)));
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** 413: a body or blob over its size limit. */
    public static final class TooLarge extends CoordinatorException {
        private static final long serialVersionUID = 1L;

        public TooLarge(String message) {
            super(message);
        }
    }
}
