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
        private final String type;

        public Conflict(String message, String state) {
            this(message, state, null);
        }

        /** @param type a {@link org.gridmint.api.ProblemTypes} URI that says which conflict, or null for a plain one */
        public Conflict(String message, String state, String type) {
            super(message);
            this.state = state;
            this.type = type;
        }

        public String state() {
            return state;
        }

        /** The problem type, or null. */
        public String type() {
            return type;
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

    /** 401: the request is unsigned, or its signature is malformed, wrong, stale or replayed; {@link #type()} says which. */
    public static final class Unauthorized extends CoordinatorException {
        private static final long serialVersionUID = 1L;
        private final String type;

        /** @param type one of {@link org.gridmint.api.ProblemTypes}' 401 types */
        public Unauthorized(String type, String message) {
            super(message);
            this.type = type;
        }

        public String type() {
            return type;
        }
    }

    /** 403: the caller is known but may not do this: not the owner, not the operator, or a quarantined provider. */
    public static final class Forbidden extends CoordinatorException {
        private static final long serialVersionUID = 1L;
        private final String type;

        /** @param type one of {@link org.gridmint.api.ProblemTypes}' 403 types */
        public Forbidden(String type, String message) {
            super(message);
            this.type = type;
        }

        public String type() {
            return type;
        }
    }

    /** 402: the caller's balance does not cover what the request must hold in escrow. */
    public static final class PaymentRequired extends CoordinatorException {
        private static final long serialVersionUID = 1L;
        public static final String TYPE = "urn:gridmint:problem:insufficient-funds";
        private final transient org.gridmint.core.money.Credits shortfall;

        public PaymentRequired(org.gridmint.core.money.Credits required, org.gridmint.core.money.Credits balance,
                               org.gridmint.core.money.Credits shortfall) {
            super("the job must hold " + required + " credits in escrow (tasks × timeout × maxPrice) but the balance is " + balance
                    + ": short by " + shortfall + " credits; deposit at least that much (on a dev coordinator: gridmint wallet faucet AMOUNT)");
            this.shortfall = shortfall;
        }

        public org.gridmint.core.money.Credits shortfall() {
            return shortfall;
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
