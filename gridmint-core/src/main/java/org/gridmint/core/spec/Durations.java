package org.gridmint.core.spec;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Parses durations as people write them in specs and flags: {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}, {@code 500ms}, or ISO-8601. */
public final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Durations() {}

    public static Duration parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("a duration is required");
        String t = text.trim();
        var m = SIMPLE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 90s, 30m, 2h or PT30M)");
        }
    }

    /**
     * The shortest of the simple forms that states {@code d} exactly, or ISO-8601 where no simple form that
     * {@link #parse} reads does (negative, finer than a millisecond, more than 9 digits): it always parses back to {@code d}.
     */
    public static String format(Duration d) {
        String simple = simple(d);
        return d.getNano() % 1_000_000 == 0 && SIMPLE.matcher(simple).matches() ? simple : d.toString();
    }

    private static String simple(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms > 0) return ms / 86_400_000L + "d";
        if (ms % 3_600_000L == 0 && ms > 0) return ms / 3_600_000L + "h";
        if (ms % 60_000L == 0 && ms > 0) return ms / 60_000L + "m";
        if (ms % 1000L == 0) return ms / 1000L + "s";
        return ms + "ms";
    }
}
