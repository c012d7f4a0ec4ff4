package org.gridmint.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's job and data, shipped inside the jar (from {@code src/main/resources/demo}): 48 stations'
 * hourly readings, an awk script that summarises one station, and the job spec. Also the demo's own
 * summary of a station, computed here in Java, against which every task's result is checked.
 */
final class DemoData {
    static final int STATIONS = 48;

    private DemoData() {}

    /** Writes the spec, the script and the data into {@code dir}; returns the spec file. */
    static Path extract(Path dir) {
        try {
            Files.createDirectories(dir.resolve("data"));
            copy("demo/weather.yaml", dir.resolve("weather.yaml"));
            copy("demo/summarize.awk", dir.resolve("summarize.awk"));
            for (int i = 0; i < STATIONS; i++) {
                String name = String.format(Locale.ROOT, "station-%02d.csv", i);
                copy("demo/data/" + name, dir.resolve("data").resolve(name));
            }
            return dir.resolve("weather.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the demo's data into " + dir, e);
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IOException("the jar lacks " + resource);
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A station's summary as the task's awk script states it. */
    record Summary(int readings, double minC, double maxC, double meanC, int hoursAbove25, double meanHumidity) {}

    /** Computes the summary of one station's CSV, independently of the task that ran on a provider. */
    static Summary expected(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int n = 0;
        int hot = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double hum = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            double t = Double.parseDouble(f[1]);
            n++;
            sum += t;
            hum += Double.parseDouble(f[2]);
            min = Math.min(min, t);
            max = Math.max(max, t);
            if (t > 25) hot++;
        }
        return new Summary(n, min, max, sum / n, hot, hum / n);
    }

    /** Problems with a task's result against the expected summary; empty when it matches. */
    static List<String> check(Summary expected, com.fasterxml.jackson.databind.JsonNode got) {
        List<String> problems = new ArrayList<>();
        compare(problems, "readings", expected.readings(), got.path("readings").asDouble(Double.NaN), 0);
        compare(problems, "min_c", expected.minC(), got.path("min_c").asDouble(Double.NaN), 0.006);
        compare(problems, "max_c", expected.maxC(), got.path("max_c").asDouble(Double.NaN), 0.006);
        compare(problems, "mean_c", expected.meanC(), got.path("mean_c").asDouble(Double.NaN), 0.0001);
        compare(problems, "hours_above_25c", expected.hoursAbove25(), got.path("hours_above_25c").asDouble(Double.NaN), 0);
        compare(problems, "mean_humidity_pct", expected.meanHumidity(), got.path("mean_humidity_pct").asDouble(Double.NaN), 0.0001);
        return problems;
    }

    private static void compare(List<String> problems, String field, double want, double got, double tolerance) {
        if (Double.isNaN(got) || Math.abs(want - got) > tolerance) problems.add(field + ": expected " + want + ", got " + got);
    }
}
