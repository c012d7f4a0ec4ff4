package org.gridmint.cli.format;

import java.util.List;
import org.gridmint.api.Problem;
import org.gridmint.core.spec.FieldError;

/** Writes errors for people: the coordinator's problem answers, invalid input, an unreachable coordinator. */
public final class Problems {
    private Problems() {}

    /** {@code error: 400 Bad Request}, then the detail, the resource's state and each field error on its own line. */
    public static String describe(Problem p) {
        StringBuilder b = new StringBuilder("error: ").append(p.status());
        if (p.title() != null) b.append(' ').append(p.title());
        if (p.detail() != null && !p.detail().isBlank()) b.append("\n  ").append(p.detail().strip());
        if (p.state() != null) b.append("\n  current state: ").append(p.state());
        if (p.errors() != null) for (Problem.FieldProblem f : p.errors()) b.append("\n  - ").append(f.field()).append(": ").append(f.message());
        return b.toString();
    }

    /**
     * An error of the OpenAI-compatible gateway: {@code error: 401 authentication_error: MESSAGE}, then what to do about it
     * where the status says (a bad key, an unknown model, every provider busy).
     */
    public static String describe(org.gridmint.client.GatewayException e) {
        StringBuilder b = new StringBuilder("error: ").append(e.status());
        if (e.type() != null) b.append(' ').append(e.type());
        if (e.code() != null) b.append(" (").append(e.code()).append(')');
        b.append(": ").append(e.getMessage());
        switch (e.status()) {
            case 401 -> b.append("\n  Check the key (--key or $GRIDMINT_API_KEY), or create one with `gridmint apikey create`.");
            case 404 -> b.append("\n  GET /v1/models on the coordinator lists the models that online providers serve now.");
            case 429 -> b.append("\n  Every provider serving the model is busy or none is online; try again shortly.");
            default -> { }
        }
        return b.toString();
    }

    /** A heading, then {@code - field: message} for each error. */
    public static String describe(String heading, List<FieldError> errors) {
        StringBuilder b = new StringBuilder(heading);
        for (FieldError e : errors) b.append("\n  - ").append(e.field()).append(": ").append(e.message());
        return b.toString();
    }

    /** What to do when no coordinator answers. */
    public static String unreachable(String cause) {
        return "error: " + cause + "\n"
                + "  Start a coordinator with `gridmint coordinator`, or point at a running one with\n"
                + "  --coordinator URL or the GRIDMINT_COORDINATOR environment variable.";
    }
}
