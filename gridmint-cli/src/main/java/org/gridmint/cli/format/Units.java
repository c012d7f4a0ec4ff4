package org.gridmint.cli.format;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the CLI writes times, durations and sizes: UTC timestamps to the second, short durations, binary sizes. */
public final class Units {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Units() {}

    /** {@code 2026-11-03 12:00:10}, in UTC; "-" for null. */
    public static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }

    /** {@code 850ms}, {@code 4.2s}, {@code 3m05s}, {@code 2h03m}, {@code 3d04h}. */
    public static String duration(Duration d) {
        if (d == null) return "-";
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) return ms + "ms";
        if (ms < 10_000) return String.format("%.1fs", ms / 1000.0);
        long s = ms / 1000;
        if (s < 60) return s + "s";
        if (s < 3600) return String.format("%dm%02ds", s / 60, s % 60);
        if (s < 86_400) return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        return String.format("%dd%02dh", s / 86_400, (s % 86_400) / 3600);
    }

    /** The time from {@code from} to {@code to}, or "-" when either is unknown. */
    public static String between(Instant from, Instant to) {
        return from == null || to == null ? "-" : duration(Duration.between(from, to));
    }

    /** Mebibytes as {@code 512 MiB}, {@code 15 GiB}, {@code 1.5 GiB}. */
    public static String mebibytes(long mb) {
        if (mb < 1024) return mb + " MiB";
        if (mb % 1024 == 0 || mb >= 100 * 1024) return Math.round(mb / 1024.0) + " GiB";
        return String.format("%.1f GiB", mb / 1024.0);
    }
}
