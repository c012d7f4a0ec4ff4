package org.gridmint.cli;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gridmint.api.ProviderView;
import org.gridmint.cli.format.ProviderFormat;
import org.gridmint.client.GridmintClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridmint provider ask}: the owner changes a provider's asks per resource class without restarting its agent. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = {"Change your provider's asks, per resource class, without re-registering it: cpu per core-hour,",
                "gpu:MODEL per GPU-hour (MODEL is one of its GPU models, or a part of exactly one: gpu:T4 for a Tesla T4).",
                "Classes you leave out keep their asks. Tasks already assigned keep the price they were assigned at; the next",
                "plan uses the new asks. Sign with the provider's key: pass the agent's data dir as --data-dir.",
                "Example: gridmint provider ask --data-dir ./prov1 cpu=0.02 gpu:T4=0.30"})
public final class AskCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Option(names = "--provider", paramLabel = "ID",
            description = "The provider to change (default: the provider id kept in --data-dir, where its agent runs).")
    String providerId;

    @Parameters(arity = "1..*", paramLabel = "CLASS=CREDITS", description = "New asks, e.g. cpu=0.02 gpu:T4=0.30.")
    List<String> asks;

    @Override
    public Integer call() {
        Map<String, BigDecimal> parsed = parse(asks);
        String id = client.providerIdOr(providerId);
        try (GridmintClient c = client.connect()) {
            ProviderView p = c.changeAsks(id, parsed);
            var out = spec.commandLine().getOut();
            out.println(p.id() + " asks " + ProviderFormat.asks(p) + " (credits per core-hour or GPU-hour)");
            out.flush();
            return 0;
        }
    }

    private Map<String, BigDecimal> parse(List<String> args) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.lastIndexOf('=');
            if (eq <= 0 || eq == a.length() - 1)
                throw new ParameterException(spec.commandLine(), "expected CLASS=CREDITS such as cpu=0.02 or gpu:T4=0.30, got '" + a + "'");
            String cls = a.substring(0, eq).strip();
            BigDecimal price;
            try {
                price = new BigDecimal(a.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), cls + ": the ask must be a number of credits such as 0.25, got '" + a.substring(eq + 1) + "'");
            }
            if (out.put(cls, price) != null) throw new ParameterException(spec.commandLine(), cls + ": given twice");
        }
        return out;
    }
}
