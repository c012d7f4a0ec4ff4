package org.gridmint.core.spec;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an {@code embed} job embeds (its spec's embed keys, validated): which model, which input file and how it is read,
 * and how the input's items are cut into tasks. Task {@code i} covers items {@code [i*shard, min(items, (i+1)*shard))}.
 *
 * @param model the model's name, such as {@code all-minilm-l6-v2-q}; which models exist is the coordinator's to check
 * @param input the input file's name, as the client uploaded it
 * @param format how the input is read, from its extension
 * @param textField for {@link InputFormat#JSONL}: the field of each line that holds its text; null for plain text
 * @param shard items per task
 * @param items how many items the input holds, as the coordinator counted them; null before it has (one task then)
 */
public record EmbedSpec(String model, String input, InputFormat format, String textField, int shard, Integer items) {
    public static final int DEFAULT_SHARD = 256;
    public static final int MAX_SHARD = 10_000;
    public static final int MAX_ITEMS = 10_000_000;
    public static final String DEFAULT_TEXT_FIELD = "text";
    /** The one output of every embed task: float32 rows, one per item of its shard, in shard order. */
    public static final String OUTPUT = "embeddings.npy";
    /** A model name: lower-case letters, digits, '.', '_' and '-', at most 64 characters. */
    public static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** How an input file is read: one item per line, or one JSON object per line. */
    public enum InputFormat {
        /** Plain UTF-8 text, one item per non-blank line; an item's id is its 1-based line number. */
        LINES,
        /** JSON Lines: one object per non-blank line, its text in the text field and an optional "id" (string or number). */
        JSONL;

        /** JSONL for a name ending in {@code .jsonl} or {@code .ndjson} (any case), LINES otherwise. */
        public static InputFormat forFile(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            return n.endsWith(".jsonl") || n.endsWith(".ndjson") ? JSONL : LINES;
        }
    }

    /** The items of one task: {@code count} items from index {@code first} (0-based, in the whole input). */
    public record Range(int first, int count) {}

    public EmbedSpec {
        if (model == null || !MODEL_NAME.matcher(model).matches()) throw new IllegalArgumentException("bad model name '" + model + "'");
        if (input == null || input.isBlank()) throw new IllegalArgumentException("an embed spec names its input");
        if (format == null) throw new IllegalArgumentException("an embed spec has an input format");
        if (format == InputFormat.JSONL && (textField == null || textField.isEmpty()))
            throw new IllegalArgumentException("JSON Lines input needs a text field");
        if (format == InputFormat.LINES && textField != null) throw new IllegalArgumentException("plain-text input has no text field, was " + textField);
        if (shard < 1 || shard > MAX_SHARD) throw new IllegalArgumentException("shard must be between 1 and " + MAX_SHARD + ", was " + shard);
        if (items != null && (items < 1 || items > MAX_ITEMS))
            throw new IllegalArgumentException("items must be between 1 and " + MAX_ITEMS + " (null: not counted), was " + items);
    }

    /** How many tasks the input is cut into: ceil(items / shard), or 1 before the items are counted. */
    public int taskCount() {
        if (items == null) return 1;
        return (items + shard - 1) / shard;
    }

    /**
     * The items of task {@code task}: from {@code task * shard}, {@code shard} of them except in the last task, which
     * takes the rest.
     *
     * @throws IllegalStateException before the items are counted: no task's range is known yet
     */
    public Range range(int task) {
        if (items == null) throw new IllegalStateException("the input's items are not counted yet, so no task's range is known");
        if (task < 0 || task >= taskCount()) throw new IndexOutOfBoundsException("task " + task + " of " + taskCount());
        int first = task * shard;
        return new Range(first, Math.min(shard, items - first));
    }
}
