package org.gridmint.provider.agent;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.gridmint.embed.DevicePreference;
import org.gridmint.embed.ModelCatalog;
import org.gridmint.embed.ModelInfo;

/**
 * Everything an operator sets for one provider agent, validated here so a bad flag fails at start with its name.
 *
 * @param coordinator base URI of the coordinator ({@code --coordinator})
 * @param dataDir the agent's own directory: its key pair (its account), provider id, blob cache, work dirs ({@code --data-dir})
 * @param name how the provider shows up in listings ({@code --name})
 * @param price ask in credits per hour for every resource class {@code asks} leaves out: per core-hour, and per GPU-hour
 *     of each GPU model ({@code --price})
 * @param region where the machine is, for jobs that constrain it ({@code --region})
 * @param slots tasks run at once ({@code --slots})
 * @param allowUnsandboxed run tasks without bubblewrap when it is missing ({@code --allow-unsandboxed})
 * @param nvidiaSmi path or name of nvidia-smi ({@code --nvidia-smi})
 * @param claimWait how long one claim long-polls ({@code --claim-wait})
 * @param heartbeatInterval used when an assignment names none ({@code --heartbeat-interval})
 * @param maxBackoff the longest pause between retries while the coordinator is away ({@code --max-backoff})
 * @param shutdownGrace how long running tasks may finish on shutdown before they are handed back ({@code --shutdown-grace})
 * @param killGrace between SIGTERM and SIGKILL when a task is stopped ({@code --kill-grace})
 * @param asks asks per resource class, {@code cpu} or {@code gpu:MODEL} to credits per unit-hour, over {@code price}
 *     ({@code --ask}); the coordinator checks the classes against the probed GPUs
 * @param faultInjection null for an honest agent; else the test-only fault that makes it return wrong results
 *     ({@code --inject-wrong-results}, {@code --fault-seed}), which only {@link FaultInjection#enable} hands out
 * @param models the embedding models it serves, catalog names in order ({@code --models}; empty for none)
 * @param device where the models run: CUDA when a GPU and the CUDA build allow it (AUTO), or one device ({@code --device})
 * @param tokenPrice its price for online embedding requests, credits per million tokens ({@code --token-price})
 */
public record AgentConfig(URI coordinator, Path dataDir, String name, BigDecimal price, String region, int slots, boolean allowUnsandboxed,
        String nvidiaSmi, Duration claimWait, Duration heartbeatInterval, Duration maxBackoff, Duration shutdownGrace, Duration killGrace,
        Map<String, BigDecimal> asks, FaultInjection faultInjection, List<String> models, DevicePreference device, BigDecimal tokenPrice) {

    public static final BigDecimal DEFAULT_PRICE = new BigDecimal("0.25");
    public static final String DEFAULT_REGION = "local";
    public static final int DEFAULT_SLOTS = 1;
    public static final String DEFAULT_NVIDIA_SMI = "nvidia-smi";
    public static final Duration DEFAULT_CLAIM_WAIT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(3);
    /** Every model of the catalog: a provider serves what this build ships unless its operator says otherwise. */
    public static final List<String> DEFAULT_MODELS = ModelCatalog.all().stream().map(ModelInfo::name).toList();
    public static final DevicePreference DEFAULT_DEVICE = DevicePreference.AUTO;
    public static final BigDecimal DEFAULT_TOKEN_PRICE = new BigDecimal("0.02");
    static final int MAX_SLOTS = 1024;
    static final BigDecimal MAX_PRICE = new BigDecimal("10000");
    /** The coordinator's limit on a token price (credits per million tokens): past it the registration would be refused. */
    static final BigDecimal MAX_TOKEN_PRICE = new BigDecimal("1000");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.@-]{0,63}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public AgentConfig {
        require(coordinator != null, "--coordinator is required");
        String scheme = coordinator.getScheme();
        require(("http".equals(scheme) || "https".equals(scheme)) && coordinator.getHost() != null,
                "--coordinator must be an http(s) URI such as http://127.0.0.1:8080, got " + coordinator);
        require(dataDir != null, "--data-dir is required");
        // Name, region and price follow the coordinator's rules, so a bad flag stops the agent at start instead
        // of sending it into a registration retry loop.
        require(name != null && NAME.matcher(name).matches(),
                "--name must be 1-64 of letters, digits, space, '_', '.', '@', '-' starting with a letter or digit, got '" + name + "'");
        require(price != null && price.signum() > 0 && price.compareTo(MAX_PRICE) <= 0 && price.stripTrailingZeros().scale() <= 6,
                "--price must be more than 0 and at most " + MAX_PRICE + " credits per hour, with at most 6 decimals, got " + price);
        asks = asks == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(asks));
        asks.forEach((cls, ask) -> require(ask != null && ask.signum() > 0 && ask.compareTo(MAX_PRICE) <= 0 && ask.stripTrailingZeros().scale() <= 6,
                "--ask " + cls + " must be more than 0 and at most " + MAX_PRICE + " credits per unit-hour, with at most 6 decimals, got " + ask));
        require(region != null && REGION.matcher(region).matches(), "--region must be lower-case letters, digits and '-', got '" + region + "'");
        require(slots >= 1 && slots <= MAX_SLOTS, "--slots must be between 1 and " + MAX_SLOTS + ", got " + slots);
        require(nvidiaSmi != null && !nvidiaSmi.isBlank(), "--nvidia-smi must not be blank");
        positive(claimWait, "--claim-wait");
        positive(heartbeatInterval, "--heartbeat-interval");
        positive(maxBackoff, "--max-backoff");
        require(shutdownGrace != null && !shutdownGrace.isNegative(), "--shutdown-grace must be >= 0, got " + shutdownGrace);
        require(killGrace != null && !killGrace.isNegative(), "--kill-grace must be >= 0, got " + killGrace);
        models = models == null ? List.of() : List.copyOf(models);
        checkModels(models);
        require(device != null, "--device must be one of auto, cpu, cuda");
        require(tokenPrice != null && tokenPrice.signum() >= 0 && tokenPrice.compareTo(MAX_TOKEN_PRICE) <= 0 && tokenPrice.stripTrailingZeros().scale() <= 6,
                "--token-price must be at least 0 and at most " + MAX_TOKEN_PRICE + " credits per 1M tokens, with at most 6 decimals, got "
                        + (tokenPrice == null ? null : tokenPrice.toPlainString()));
    }

    private static void checkModels(List<String> models) {
        var seen = new HashSet<String>();
        for (String m : models) {
            if (ModelCatalog.find(m).isEmpty()) {
                throw new IllegalArgumentException("--models: unknown model '" + m + "'; known models: "
                        + ModelCatalog.all().stream().map(ModelInfo::name).collect(Collectors.joining(", ")) + " (or none)");
            }
            require(seen.add(m), "--models: '" + m + "' is listed twice");
        }
    }

    /** A config with every default, for the given coordinator and data dir; change the rest with the builder. */
    public static Builder builder(URI coordinator, Path dataDir) {
        return new Builder(coordinator, dataDir);
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    private static void positive(Duration d, String flag) {
        require(d != null && !d.isNegative() && !d.isZero(), flag + " must be a positive duration, got " + d);
    }

    /** The host name, made to fit the name rules (cut to 64, odd characters as '-'). */
    static String defaultName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "provider";
        }
        String n = host.replaceAll("[^A-Za-z0-9 _.@-]", "-");
        n = n.substring(0, Math.min(64, n.length()));
        return NAME.matcher(n).matches() ? n : "provider";
    }

    /** Builds an {@link AgentConfig}; unset fields keep the defaults above. */
    public static final class Builder {
        private final URI coordinator;
        private final Path dataDir;
        private String name = defaultName();
        private BigDecimal price = DEFAULT_PRICE;
        private String region = DEFAULT_REGION;
        private int slots = DEFAULT_SLOTS;
        private boolean allowUnsandboxed;
        private String nvidiaSmi = DEFAULT_NVIDIA_SMI;
        private Duration claimWait = DEFAULT_CLAIM_WAIT;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private Duration killGrace = DEFAULT_KILL_GRACE;
        private Map<String, BigDecimal> asks = Map.of();
        private FaultInjection faultInjection;
        private List<String> models = DEFAULT_MODELS;
        private DevicePreference device = DEFAULT_DEVICE;
        private BigDecimal tokenPrice = DEFAULT_TOKEN_PRICE;

        private Builder(URI coordinator, Path dataDir) {
            this.coordinator = coordinator;
            this.dataDir = dataDir;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder price(BigDecimal v) { price = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder slots(int v) { slots = v; return this; }
        public Builder allowUnsandboxed(boolean v) { allowUnsandboxed = v; return this; }
        public Builder nvidiaSmi(String v) { nvidiaSmi = v; return this; }
        public Builder claimWait(Duration v) { claimWait = v; return this; }
        public Builder heartbeatInterval(Duration v) { heartbeatInterval = v; return this; }
        public Builder maxBackoff(Duration v) { maxBackoff = v; return this; }
        public Builder shutdownGrace(Duration v) { shutdownGrace = v; return this; }
        public Builder killGrace(Duration v) { killGrace = v; return this; }
        public Builder asks(Map<String, BigDecimal> v) { asks = v; return this; }
        public Builder faultInjection(FaultInjection v) { faultInjection = v; return this; }
        public Builder models(List<String> v) { models = v; return this; }
        public Builder device(DevicePreference v) { device = v; return this; }
        public Builder tokenPrice(BigDecimal v) { tokenPrice = v; return this; }

        public AgentConfig build() {
            return new AgentConfig(coordinator, dataDir, name, price, region, slots, allowUnsandboxed, nvidiaSmi, claimWait,
                    heartbeatInterval, maxBackoff, shutdownGrace, killGrace, asks, faultInjection, models, device, tokenPrice);
        }
    }
}
