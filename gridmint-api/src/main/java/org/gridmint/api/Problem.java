package org.gridmint.api;

import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param errors one entry per offending field, when the request was invalid
 * @param state the current state of the resource, for 409 answers
 */
public record Problem(String type, String title, int status, String detail, String instance, List<FieldProblem> errors, String state) {
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field and why. */
    public record FieldProblem(String field, String message) {}

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null, null);
    }
}
