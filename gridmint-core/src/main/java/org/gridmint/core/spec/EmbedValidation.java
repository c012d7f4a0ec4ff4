package org.gridmint.core.spec;

import java.util.List;
import org.gridmint.core.spec.EmbedSpec.InputFormat;

/**
 * Checks a spec's embed keys for {@link JobSpecValidator}: for {@code runtime: embed} the keys an exec job has are absent
 * and the model and input are given; for an exec job the embed keys are absent. Kept apart so the validator stays short.
 */
final class EmbedValidation {
    static final int MAX_TEXT_FIELD_CHARS = 256;
    private static final String WHY_NOT = "is not used by runtime embed: an embed job runs its model on its input";

    private EmbedValidation() {}

    /** The embed part of an embed job, or null after an error (the errors say why). */
    static EmbedSpec embed(List<FieldError> errors, JobSpecDraft d) {
        int before = errors.size();
        if (d.command() != null) errors.add(new FieldError("command", WHY_NOT + "; drop it"));
        if (d.args() != null) errors.add(new FieldError("args", WHY_NOT + "; its tasks are the input's shards"));
        if (d.tasks() != null) errors.add(new FieldError("tasks", WHY_NOT + "; its tasks are the input's shards (set shard: items per task)"));
        if (d.outputs() != null) errors.add(new FieldError("outputs", WHY_NOT + "; every task writes " + EmbedSpec.OUTPUT));
        if (d.checkpoint() != null) errors.add(new FieldError("checkpoint", WHY_NOT + "; a shard is embedded in one go, with nothing to resume"));

        String model = d.model();
        if (model == null || model.isBlank()) errors.add(new FieldError("model", "is required for runtime embed: the model's name, e.g. all-minilm-l6-v2-q"));
        else if (!EmbedSpec.MODEL_NAME.matcher(model).matches())
            errors.add(new FieldError("model", "must be 1-64 of lower-case letters, digits, '.', '_', '-', starting with a letter or digit, was '" + model + "'"));

        String input = d.input();
        InputFormat format = null;
        if (input == null || input.isBlank()) {
            errors.add(new FieldError("input", "is required for runtime embed: the input file's name, e.g. corpus.txt or corpus.jsonl"));
        } else if (!JobSpecValidator.plainFileName(input)) {
            errors.add(new FieldError("input", "must be a plain file name of 1-255 of A-Z a-z 0-9 _ . - (no directories), was '" + input + "'"));
        } else {
            format = InputFormat.forFile(input);
        }

        int shard = d.shard() == null ? EmbedSpec.DEFAULT_SHARD : d.shard();
        if (shard < 1 || shard > EmbedSpec.MAX_SHARD)
            errors.add(new FieldError("shard", "must be between 1 and " + EmbedSpec.MAX_SHARD + " (items per task), was " + shard));

        String textField = null;
        if (format == InputFormat.LINES && d.textField() != null) {
            errors.add(new FieldError("textField", "is only for JSON Lines input (.jsonl or .ndjson); '" + input + "' is read as plain text, one item per line"));
        } else if (format == InputFormat.JSONL) {
            textField = d.textField() == null ? EmbedSpec.DEFAULT_TEXT_FIELD : d.textField();
            if (textField.isBlank() || textField.length() > MAX_TEXT_FIELD_CHARS)
                errors.add(new FieldError("textField", "must be the name of each line's text field, 1-" + MAX_TEXT_FIELD_CHARS + " characters, was '" + textField + "'"));
        }

        Integer items = d.items();
        if (items != null && (items < 1 || items > EmbedSpec.MAX_ITEMS))
            errors.add(new FieldError("items", "must be between 1 and " + EmbedSpec.MAX_ITEMS + " (the input's items), was " + items));
        if (errors.size() > before) return null;

        var spec = new EmbedSpec(model, input, format, textField, shard, items);
        if (spec.taskCount() > JobSpecValidator.MAX_TASKS)
            errors.add(new FieldError("shard", "cuts " + items + " items into " + spec.taskCount() + " tasks, more than " + JobSpecValidator.MAX_TASKS
                    + "; use a shard of at least " + ((items + JobSpecValidator.MAX_TASKS - 1) / JobSpecValidator.MAX_TASKS)));
        return errors.size() > before ? null : spec;
    }

    /** For an exec job: every embed key is absent. */
    static void noEmbedKeys(List<FieldError> errors, JobSpecDraft d, Runtime runtime) {
        String why = "is only for runtime embed, but the runtime is " + runtime.wireName();
        if (d.model() != null) errors.add(new FieldError("model", why));
        if (d.input() != null) errors.add(new FieldError("input", why + "; list an exec job's files under files"));
        if (d.shard() != null) errors.add(new FieldError("shard", why));
        if (d.textField() != null) errors.add(new FieldError("textField", why));
        if (d.items() != null) errors.add(new FieldError("items", why));
    }
}
