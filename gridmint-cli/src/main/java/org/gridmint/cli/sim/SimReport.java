package org.gridmint.cli.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridmint.cli.format.Table;
import org.gridmint.cli.format.Units;
import org.gridmint.sim.Comparison;
import org.gridmint.sim.Comparison.Outcome;
import org.gridmint.sim.RunResult;
import org.gridmint.sim.report.CloudPrice;
import org.gridmint.sim.scenario.Scenario;

/** The simulation's report as tables for people or as JSON for tools; both carry the same figures and assumptions. */
final class SimReport {
    private SimReport() {}

    static String text(Scenario s, Comparison c, long wallMillis) {
        List<Outcome> outcomes = outcomes(c);
        RunResult first = c.gridmint().run();
        StringBuilder b = new StringBuilder();
        b.append("scenario: ").append(c.scenario()).append(" (seed ").append(c.seed()).append("): ").append(s.providers().count())
                .append(" providers, ").append(first.tasks()).append(" tasks in ").append(first.jobs()).append(" jobs\n\n");
        List<String> headers = new ArrayList<>(List.of(""));
        for (Outcome o : outcomes) headers.add(o.run().policy());
        Table t = Table.of(headers.toArray(String[]::new)).right(1, 2);
        row(t, outcomes, "tasks completed", o -> pct(o.run().completion()) + " (" + o.run().succeeded() + "/" + o.run().tasks() + ")");
        row(t, outcomes, "jobs completed", o -> o.run().jobsSucceeded() + "/" + o.run().jobs());
        row(t, outcomes, "makespan", o -> Units.duration(Duration.ofMillis(o.run().makespanMillis())));
        row(t, outcomes, "failure-free makespan", o -> Units.duration(Duration.ofMillis(o.failureFree().makespanMillis())));
        row(t, outcomes, "makespan ratio", o -> fmt(o.makespanRatio(), 3));
        row(t, outcomes, "goodput", o -> fmt(o.run().goodput(), 3));
        row(t, outcomes, "provider failures", o -> Long.toString(o.run().crashes()));
        row(t, outcomes, "attempts (lost)", o -> o.run().attempts() + " (" + o.run().lostAttempts() + ")");
        row(t, outcomes, "straggler backups (won)", o -> o.run().backups() + " (" + o.run().backupWins() + ")");
        row(t, outcomes, "most work lost in one failure", o -> Units.duration(Duration.ofMillis(o.run().maxLostMillis())));
        row(t, outcomes, "client paid (credits)", o -> fmt(o.run().paidMicros() / 1e6, 2));
        row(t, outcomes, "price per useful hour", o -> fmt(o.run().pricePerUsefulHour(), 4));
        b.append(t.render());
        if (s.verifies()) b.append('\n').append(verification(outcomes));
        if (!c.cloud().isEmpty()) b.append('\n').append(cloud(c, outcomes));
        b.append("\nassumptions:\n");
        for (String a : c.assumptions()) b.append("  - ").append(a).append('\n');
        b.append(String.format(Locale.ROOT, "\n%d runs, %d events, %.1f s%n", runs(outcomes), events(outcomes), wallMillis / 1000.0));
        return b.toString();
    }

    /** What verification cost and what it let through: overhead, wrong results accepted and caught, cheaters caught. */
    private static String verification(List<Outcome> outcomes) {
        List<String> headers = new ArrayList<>(List.of("verification"));
        for (Outcome o : outcomes) headers.add(o.run().policy());
        Table t = Table.of(headers.toArray(String[]::new)).right(1, 2);
        row(t, outcomes, "verify policy", o -> o.run().verification().policy());
        row(t, outcomes, "compute overhead", o -> o.unverified() == null ? "1.000x (nothing verified)"
                : fmt(o.overhead(), 3) + "x (" + hours(o.run().providerMillis()) + " ÷ " + hours(o.unverified().providerMillis()) + " unverified)");
        row(t, outcomes, "results (replicas, tie-breakers)", o -> o.run().verification().results() + " (" + o.run().verification().replicas()
                + ", " + o.run().verification().tieBreakers() + ")");
        row(t, outcomes, "wrong results returned", o -> Long.toString(o.run().verification().wrongProduced()));
        row(t, outcomes, "wrong results caught", o -> o.run().verification().wrongProduced() == 0 ? "0 (none returned)"
                : o.run().verification().wrongCaught() + " (" + pct(o.run().verification().wrongCaughtShare()) + ")");
        row(t, outcomes, "wrong results accepted", o -> o.run().verification().wrongAccepted() + " (" + fmt(o.run().wrongAcceptedPerThousand(), 2)
                + " per 1,000 accepted)");
        row(t, outcomes, "cheaters caught", o -> o.run().verification().cheatersCaught() + "/" + o.run().verification().cheaters());
        row(t, outcomes, "slashes (of honest results)", o -> o.run().verification().slashes() + " (" + o.run().verification().honestSlashed() + ")");
        row(t, outcomes, "tasks reopened by full checks", o -> Long.toString(o.run().verification().reopened()));
        row(t, outcomes, "tasks failed without a quorum", o -> Long.toString(o.run().verification().noQuorum()));
        row(t, outcomes, "replicas paid by the network (credits)", o -> fmt(o.run().verification().networkPaidMicros() / 1e6, 2));
        return t.render();
    }

    private static String hours(long millis) {
        return fmt(millis / 3_600_000.0, 1) + " h";
    }

    private static String cloud(Comparison c, List<Outcome> outcomes) {
        List<String> headers = new ArrayList<>(List.of("cloud reference", "instance", "USD/GPU-h", "date"));
        for (Outcome o : outcomes) headers.add(o.run().policy() + " ÷ cloud");
        Table t = Table.of(headers.toArray(String[]::new)).right(2, 4, 5);
        for (CloudPrice p : c.cloud()) {
            List<Object> cells = new ArrayList<>(List.of(p.id(), p.instance() + " (" + p.gpu() + ", " + p.pricing() + ")",
                    p.usdPerGpuHour() == null ? "not found" : fmt(p.usdPerGpuHour(), 3), p.date()));
            for (Outcome o : outcomes) cells.add(p.usdPerGpuHour() == null ? "-" : fmt(o.run().pricePerUsefulHour() / p.usdPerGpuHour(), 2));
            t.row(cells.toArray());
        }
        StringBuilder b = new StringBuilder(t.render());
        b.append("cloud prices: gridmint-sim/src/main/resources/cloud-prices.yaml (each row's source and caveats are there)\n");
        return b.toString();
    }

    static Map<String, Object> json(Scenario s, Comparison c, long wallMillis) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("scenario", c.scenario());
        root.put("seed", c.seed());
        root.put("providers", s.providers().count());
        root.put("gridmint", outcome(c.gridmint()));
        if (c.naive() != null) root.put("naive", outcome(c.naive()));
        root.put("cloud", c.cloud());
        root.put("assumptions", c.assumptions());
        root.put("wallMillis", wallMillis);
        return root;
    }

    private static Map<String, Object> outcome(Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        RunResult r = o.run();
        m.put("completion", r.completion());
        m.put("makespanRatio", o.makespanRatio());
        m.put("goodput", r.goodput());
        m.put("pricePerUsefulHour", r.pricePerUsefulHour());
        m.put("overhead", o.overhead());
        m.put("wrongAcceptedPerThousand", r.wrongAcceptedPerThousand());
        m.put("wrongCaughtShare", r.verification().wrongCaughtShare());
        m.put("run", r);
        m.put("failureFree", o.failureFree());
        if (o.unverified() != null) m.put("unverified", o.unverified());
        return m;
    }

    private interface Cell {
        String of(Outcome o);
    }

    private static void row(Table t, List<Outcome> outcomes, String name, Cell cell) {
        List<Object> cells = new ArrayList<>(List.of(name));
        for (Outcome o : outcomes) cells.add(cell.of(o));
        t.row(cells.toArray());
    }

    private static List<Outcome> outcomes(Comparison c) {
        return c.naive() == null ? List.of(c.gridmint()) : List.of(c.gridmint(), c.naive());
    }

    private static long events(List<Outcome> outcomes) {
        long n = 0;
        for (Outcome o : outcomes) n += o.run().events() + o.failureFree().events() + (separate(o) ? o.unverified().events() : 0);
        return n;
    }

    private static int runs(List<Outcome> outcomes) {
        int n = 0;
        for (Outcome o : outcomes) n += separate(o) ? 3 : 2;
        return n;
    }

    /** Whether the outcome's unverified yardstick was a run of its own (not the run itself, as under verify: none). */
    private static boolean separate(Outcome o) {
        return o.unverified() != null && o.unverified() != o.run();
    }

    private static String pct(double x) {
        return fmt(100 * x, 2) + "%";
    }

    private static String fmt(double x, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", x);
    }
}
