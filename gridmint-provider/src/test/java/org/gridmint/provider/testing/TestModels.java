package org.gridmint.provider.testing;

import java.util.ArrayList;
import java.util.List;
import org.gridmint.api.embed.EmbedInput;
import org.gridmint.api.embed.ShardFile;
import org.gridmint.embed.DevicePreference;
import org.gridmint.embed.ModelCatalog;
import org.gridmint.embed.ModelInfo;
import org.gridmint.embed.ModelRegistry;

/**
 * The real embedding models for tests, in one registry for the whole test JVM on the CPU: loading a model takes about a
 * second and 100+ MB, so no test class loads its own. Never closed; the JVM's exit frees it.
 */
public final class TestModels {
    public static final String MODEL = ModelCatalog.DEFAULT;
    private static ModelRegistry registry;

    private TestModels() {}

    /** Every catalog model, each loaded on first use. */
    public static synchronized ModelRegistry registry() {
        if (registry == null) registry = new ModelRegistry(ModelCatalog.all().stream().map(ModelInfo::name).toList(), DevicePreference.CPU);
        return registry;
    }

    /** {@code n} different texts, a few of them awkward: empty, non-ASCII, longer than the model reads. */
    public static List<String> texts(int n) {
        String[] topics = {"the weather in Lisbon", "a recipe for lentil soup", "GPU prices on spot markets", "how whales sleep",
                "the rules of cricket", "compilers and their bugs", "a trip on the night train", "baroque music"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(switch (i % 11) {
                case 3 -> "";
                case 7 -> "Ünïcödé 文字 and emoji 🚀 in sentence " + i;
                case 9 -> ("a very long text about " + topics[i % topics.length] + " ").repeat(120);
                default -> "Sentence " + i + " is about " + topics[i % topics.length] + ".";
            });
        }
        return out;
    }

    /** The shard.jsonl of {@code texts}, as the coordinator writes it (items numbered from {@code first}). */
    public static byte[] shard(int first, List<String> texts) {
        List<EmbedInput.Item> items = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) items.add(new EmbedInput.Item("id-" + (first + i), texts.get(i)));
        return ShardFile.write(first, items);
    }
}
