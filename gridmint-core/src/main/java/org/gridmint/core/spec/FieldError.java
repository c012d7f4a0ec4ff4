package org.gridmint.core.spec;

/** One problem with one field of a user's input, such as {@code tasks: must be between 1 and 100000}. */
public record FieldError(String field, String message) {
    public FieldError {
        if (field == null || field.isBlank()) throw new IllegalArgumentException("a field error names its field");
        if (message == null || message.isBlank()) throw new IllegalArgumentException("a field error says why");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
