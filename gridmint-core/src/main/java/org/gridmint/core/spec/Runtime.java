package org.gridmint.core.spec;

/** How a provider runs a task: {@code exec} runs a command; {@code embed} embeds a shard of texts with a model. Train follows. */
public enum Runtime {
    EXEC("exec"),
    EMBED("embed");

    private final String wireName;

    Runtime(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static java.util.Optional<Runtime> fromWire(String name) {
        for (Runtime r : values()) if (r.wireName.equals(name)) return java.util.Optional.of(r);
        return java.util.Optional.empty();
    }
}
