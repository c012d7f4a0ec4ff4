package org.gridmint.sim.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.FieldError;
import org.gridmint.sim.scenario.DistReader.Unit;
import org.gridmint.sim.scenario.Scenario.Arrival;
import org.gridmint.sim.scenario.Scenario.Cheaters;
import org.gridmint.sim.scenario.Scenario.Failures;
import org.gridmint.sim.scenario.Scenario.Jobs;
import org.gridmint.sim.scenario.Scenario.Network;
import org.gridmint.sim.scenario.Scenario.Providers;
import org.gridmint.sim.scenario.Scenario.Stragglers;

/**
 * Reads a scenario from YAML and validates every field, throwing one {@link ScenarioException} that lists each problem
 * as {@code providers.mtbf: must be a duration like 1h, was "abc"}. The format is described in gridmint-sim/README.md.
 */
public final class ScenarioReader {
    static final int MAX_PROVIDERS = 1_000_000;
    static final int MAX_TASKS = 10_000_000;

    private static final YAMLMapper YAML = new YAMLMapper();
    private final Fields f = new Fields();
    private final DistReader dists = new DistReader(f);

    private ScenarioReader() {}

    public static Scenario read(Path file) {
        try {
            return parse(Files.readString(file), file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file + ": " + e.getMessage(), e);
        }
    }

    /** The scenario in {@code yaml}; {@code defaultName} names it when it has no {@code name}. */
    public static Scenario parse(String yaml, String defaultName) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(List.of(new FieldError("scenario", "is not valid YAML: " + e.getOriginalMessage())));
        }
        return new ScenarioReader().scenario(root, defaultName);
    }

    private Scenario scenario(JsonNode root, String defaultName) {
        if (root == null || !root.isObject()) throw new ScenarioException(List.of(new FieldError("scenario", "must be a YAML mapping")));
        f.mapping(root, "", Set.of("name", "seed", "network", "providers", "jobs", "compareWith"));
        String name = f.text(root.get("name"), "name", defaultName);
        Long seed = f.integer(f.required(root, "", "seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE, 0L);
        Network network = network(root.get("network"));
        Providers providers = providers(f.mapping(f.required(root, "", "providers"), "providers",
                Set.of("count", "slots", "price", "speed", "gpu", "region", "mtbf", "failAt", "repair", "onFailure", "stragglers",
                        "cheaters", "trusted")));
        Jobs jobs = jobs(f.mapping(f.required(root, "", "jobs"), "jobs",
                Set.of("count", "arrival", "tasks", "duration", "checkpoint", "maxPrice", "gpu", "regions", "retries", "speculation",
                        "verify")));
        List<String> compareWith = f.texts(root.get("compareWith"), "compareWith");
        if (!f.errors.isEmpty()) throw new ScenarioException(f.errors);
        return new Scenario(name, seed, network, providers, jobs, compareWith);
    }

    private Network network(JsonNode n) {
        JsonNode m = f.mapping(n, "network", Set.of("heartbeat", "tick", "horizon", "slashQuarantine"));
        if (m == null) return Network.DEFAULT;
        Network d = Network.DEFAULT;
        return new Network(f.duration(m.get("heartbeat"), "network.heartbeat", d.heartbeatMillis()),
                f.duration(m.get("tick"), "network.tick", d.tickMillis()), f.duration(m.get("horizon"), "network.horizon", d.horizonMillis()),
                f.duration(m.get("slashQuarantine"), "network.slashQuarantine", d.slashQuarantineMillis()));
    }

    private Providers providers(JsonNode m) {
        if (m == null) return null;
        int count = f.integer(f.required(m, "providers", "count"), "providers.count", 1, MAX_PROVIDERS, 1L).intValue();
        int slots = f.integer(m.get("slots"), "providers.slots", 1, 64, 1L).intValue();
        Dist price = dists.read(f.required(m, "providers", "price"), "providers.price", Unit.NUMBER, null);
        Dist speed = dists.read(m.get("speed"), "providers.speed", Unit.NUMBER, new Dist.Fixed(1));
        Pick gpu = f.pick(m.get("gpu"), "providers.gpu");
        Pick region = f.pick(m.get("region"), "providers.region");
        Cheaters cheaters = VerifyReader.cheaters(f, m.get("cheaters"));
        double trusted = f.number(m.get("trusted"), "providers.trusted", 0, 1, 0.0);
        if (cheaters.fraction() + trusted > 1) f.error("providers.trusted", "providers.trusted + providers.cheaters.fraction must be at most 1: trusted providers are never cheaters");
        return new Providers(count, slots, price, speed, gpu == null ? Pick.of("GPU") : gpu, region == null ? Pick.of("any") : region,
                failures(m), stragglers(m.get("stragglers")), cheaters, trusted);
    }

    private Failures failures(JsonNode m) {
        JsonNode mtbfNode = m.get("mtbf");
        Dist mtbf = mtbfNode != null && mtbfNode.isTextual() && mtbfNode.asText().strip().equals("never") ? null
                : dists.read(mtbfNode, "providers.mtbf", Unit.DURATION, null);
        List<Long> at = new ArrayList<>();
        JsonNode failAt = m.get("failAt");
        if (failAt != null && !failAt.isArray()) f.error("providers.failAt", "must be a list of durations since the start, such as [25m, 2h], was " + Fields.show(failAt));
        else if (failAt != null) {
            for (int i = 0; i < failAt.size(); i++) {
                Long t = f.duration(failAt.get(i), "providers.failAt[" + i + "]", null);
                if (t != null) at.add(t);
            }
            if (!at.equals(at.stream().sorted().distinct().toList())) f.error("providers.failAt", "must list instants in increasing order");
        }
        if (mtbf != null && !at.isEmpty()) f.error("providers.failAt", "cannot be combined with providers.mtbf; give one or the other");
        boolean failing = mtbf != null || !at.isEmpty();
        Dist repair = dists.read(failing ? f.required(m, "providers", "repair") : m.get("repair"), "providers.repair", Unit.DURATION, new Dist.Fixed(1));
        String on = f.text(m.get("onFailure"), "providers.onFailure", "rejoin");
        if (!on.equals("rejoin") && !on.equals("replace")) f.error("providers.onFailure", "must be rejoin or replace, was \"" + on + "\"");
        return new Failures(mtbf, at, repair, on.equals("replace"));
    }

    private Stragglers stragglers(JsonNode n) {
        JsonNode m = f.mapping(n, "providers.stragglers", Set.of("fraction", "slowdown"));
        if (m == null) return Stragglers.NONE;
        return new Stragglers(f.number(f.required(m, "providers.stragglers", "fraction"), "providers.stragglers.fraction", 0, 1, 0.0),
                f.number(f.required(m, "providers.stragglers", "slowdown"), "providers.stragglers.slowdown", 1, 1000, 1.0));
    }

    private Jobs jobs(JsonNode m) {
        if (m == null) return null;
        int count = f.integer(f.required(m, "jobs", "count"), "jobs.count", 1, MAX_TASKS, 1L).intValue();
        Dist tasks = dists.read(f.required(m, "jobs", "tasks"), "jobs.tasks", Unit.NUMBER, null);
        if (tasks instanceof Dist.Fixed(double t) && t * count > MAX_TASKS) f.error("jobs.tasks", "jobs.count × jobs.tasks must be at most " + MAX_TASKS);
        Dist duration = dists.read(f.required(m, "jobs", "duration"), "jobs.duration", Unit.DURATION, null);
        JsonNode cp = m.get("checkpoint");
        long checkpoint = cp == null || (cp.isTextual() && cp.asText().strip().equals("none")) ? 0 : f.duration(cp, "jobs.checkpoint", 0L);
        Credits maxPrice = price(f.required(m, "jobs", "maxPrice"));
        return new Jobs(count, arrival(m.get("arrival")), tasks, duration, checkpoint, maxPrice, f.pick(m.get("gpu"), "jobs.gpu"),
                f.texts(m.get("regions"), "jobs.regions"), f.integer(m.get("retries"), "jobs.retries", 0, 1000, 3L).intValue(),
                speculate(m.get("speculation")), VerifyReader.verify(f, m.get("verify")));
    }

    private Scenario.Speculate speculate(JsonNode n) {
        if (n == null || n.isNull()) return Scenario.Speculate.DEFAULT;
        // YAML 1.1 reads a bare off as false.
        if ((n.isTextual() && n.asText().strip().equals("off")) || (n.isBoolean() && !n.asBoolean())) return Scenario.Speculate.OFF;
        // The same block as a job spec's speculation: {slowdown, maxBackups}, or {enabled: false}.
        JsonNode m = n.isObject() ? f.mapping(n, "jobs.speculation", Set.of("enabled", "slowdown", "maxBackups")) : null;
        if (m == null) {
            f.error("jobs.speculation", "must be off or {slowdown: 2, maxBackups: 2}, was " + Fields.show(n));
            return Scenario.Speculate.DEFAULT;
        }
        JsonNode enabled = m.get("enabled");
        if (enabled != null && !enabled.isBoolean()) f.error("jobs.speculation.enabled", "must be true or false, was " + Fields.show(enabled));
        if (enabled != null && enabled.isBoolean() && !enabled.asBoolean()) return Scenario.Speculate.OFF;
        var d = Scenario.Speculate.DEFAULT;
        return new Scenario.Speculate(f.number(m.get("slowdown"), "jobs.speculation.slowdown", 1, 100, d.slowdown()),
                f.integer(m.get("maxBackups"), "jobs.speculation.maxBackups", 0, 100, (long) d.maxBackups()).intValue());
    }

    private Credits price(JsonNode n) {
        if (n == null) return Credits.ZERO;
        if (!n.isNumber() || !(n.asDouble() > 0 && n.asDouble() <= 1_000_000)) {
            f.error("jobs.maxPrice", "must be a price in credits per hour above zero (at most 1000000), was " + Fields.show(n));
            return Credits.ZERO;
        }
        return Credits.of(BigDecimal.valueOf(n.asDouble()).setScale(6, RoundingMode.HALF_UP));
    }

    private Arrival arrival(JsonNode n) {
        if (n == null || n.isNull() || (n.isTextual() && n.asText().strip().equals("at-once"))) return Arrival.AT_ONCE;
        JsonNode m = n.isObject() && n.size() == 1 ? n : null;
        String kind = m == null ? null : m.fieldNames().next();
        if (m == null || !(kind.equals("every") || kind.equals("poisson"))) {
            f.error("jobs.arrival", "must be at-once, {every: 1m} or {poisson: 1m}, was " + Fields.show(n));
            return Arrival.AT_ONCE;
        }
        Long ms = f.duration(m.get(kind), "jobs.arrival." + kind, 1L);
        return new Arrival(kind.equals("every") ? Arrival.Kind.EVERY : Arrival.Kind.POISSON, ms);
    }
}
