package org.gridmint.api.http;

import org.gridmint.api.Problem;

/**
 * The coordinator answered with an error; {@link #problem()} says which field or state and why.
 * {@link #retryable()} is true for answers that may succeed later unchanged (429, 5xx).
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    public ApiException(Problem problem) {
        super(message(problem));
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    public boolean retryable() {
        return problem.status() == 429 || problem.status() >= 500;
    }

    private static String message(Problem p) {
        StringBuilder b = new StringBuilder().append(p.status()).append(' ').append(p.title());
        if (p.detail() != null) b.append(": ").append(p.detail());
        if (p.errors() != null) p.errors().forEach(e -> b.append("\n  ").append(e.field()).append(": ").append(e.message()));
        return b.toString();
    }
}
