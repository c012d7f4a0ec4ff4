package org.gridmint.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gridmint.api.auth.Identity;
import org.gridmint.api.json.Json;

/**
 * The main class of the separate agent JVM of {@code --mode agent-jvm}. It speaks a line protocol with its
 * parent: it prints {@code READY}, then for each {@code RUN <tasks> <timeoutSeconds>} on stdin runs one phase
 * and prints {@code RESULT <json>}; {@code EXIT} or the end of stdin ends it. Logs go to stderr.
 */
public final class AgentProcess {
    static final String READY = "READY";
    static final String RUN = "RUN";
    static final String RESULT = "RESULT ";
    static final String EXIT = "EXIT";

    private AgentProcess() {}

    public static void main(String[] args) throws Exception {
        URI url = null;
        List<String> providers = List.of();
        Path keyDir = null;
        int batch = 16;
        long wait = 1000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = URI.create(args[i + 1]);
                case "--providers" -> providers = Arrays.asList(args[i + 1].split(","));
                case "--key-dir" -> keyDir = Path.of(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--wait" -> wait = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null || providers.isEmpty() || keyDir == null) throw new IllegalArgumentException("--url, --providers and --key-dir are required");
        Identity owner = Identity.loadOrCreate(keyDir);
        // The protocol owns stdout; keep anything else a library might print off it.
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        List<WorkPort> ports = new ArrayList<>();
        for (int i = 0; i < providers.size(); i++) ports.add(WorkPort.http(url, owner));
        try (AgentRunner agents = new AgentRunner(providers, ports, batch, wait);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            protocol.println(READY);
            String line;
            while ((line = in.readLine()) != null && !line.equals(EXIT)) {
                String[] parts = line.split(" ");
                if (parts.length != 3 || !parts[0].equals(RUN)) throw new IllegalArgumentException("unexpected command '" + line + "'");
                AgentReport r = agents.run(Integer.parseInt(parts[1]), Duration.ofSeconds(Long.parseLong(parts[2])));
                protocol.println(RESULT + Json.writeString(r));
            }
        }
    }
}
