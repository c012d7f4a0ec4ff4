package org.gridmint.core.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.gridmint.core.money.Credits;

/**
 * Turns a {@link JobSpecDraft} into a {@link JobSpec}, or lists every problem by field. It never stops at
 * the first problem: a user fixes a spec in one round trip. Defaults live here and nowhere else.
 */
public final class JobSpecValidator {
    public static final int MAX_TASKS = 100_000;
    public static final int MAX_RETRIES = 20;
    public static final int MAX_FILES = 1_000;
    public static final int MAX_ARG_CHARS = 4_096;
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration MAX_TIMEOUT = Duration.ofDays(7);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
    public static final Duration MIN_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_CHECKPOINT_INTERVAL = Duration.ofHours(1);
    public static final int DEFAULT_RETRIES = 3;
    public static final Credits DEFAULT_MAX_PRICE = Credits.parse("1");
    public static final Credits MAX_PRICE_LIMIT = Credits.parse("10000");
    public static final double MAX_SLOWDOWN = 100;
    public static final int MAX_BACKUPS = 1_000;
    public static final Credits MAX_MIN_STAKE = Credits.parse("1000000");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]{0,127}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,255}");

    private JobSpecValidator() {}

    /** The outcome: a spec, or the problems (never both). */
    public sealed interface Result permits Valid, Invalid {}

    public record Valid(JobSpec spec) implements Result {}

    public record Invalid(List<FieldError> errors) implements Result {
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) throw new IllegalArgumentException("an invalid spec has at least one error");
        }
    }

    public static Result validate(JobSpecDraft d) {
        List<FieldError> errors = new ArrayList<>();
        if (d == null) return new Invalid(List.of(new FieldError("spec", "is required")));

        String name = d.name();
        if (name == null || name.isBlank()) errors.add(new FieldError("name", "is required"));
        else if (!NAME.matcher(name).matches())
            errors.add(new FieldError("name", "must be 1-128 characters of letters, digits, space, '_', '.', '-', starting with a letter or digit"));

        Runtime runtime = Runtime.EXEC;
        boolean runtimeKnown = true;
        if (d.runtime() != null) {
            var r = Runtime.fromWire(d.runtime());
            if (r.isEmpty()) {
                errors.add(new FieldError("runtime", "unknown runtime '" + d.runtime() + "' (known: exec, embed)"));
                runtimeKnown = false;
            } else {
                runtime = r.get();
            }
        }

        EmbedSpec embed = null;
        List<String> command = List.of();
        List<List<String>> taskArgs = new ArrayList<>();
        List<String> outputs = List.of();
        if (runtime == Runtime.EMBED) {
            embed = EmbedValidation.embed(errors, d);
            if (embed != null) {
                for (int i = 0; i < embed.taskCount(); i++) taskArgs.add(List.of());
                outputs = List.of(EmbedSpec.OUTPUT);
            }
        } else {
            if (runtimeKnown) EmbedValidation.noEmbedKeys(errors, d, runtime);
            command = d.command() == null ? List.of() : d.command();
            execTasks(errors, d, command, taskArgs);
        }

        List<String> files = d.files() == null ? List.of() : d.files();
        if (files.size() > MAX_FILES) errors.add(new FieldError("files", "at most " + MAX_FILES + " files, was " + files.size()));
        var seen = new HashSet<String>();
        List<String> fileNames = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String f = files.get(i);
            String field = "files[" + i + "]";
            if (f == null || f.isBlank()) {
                errors.add(new FieldError(field, "must be a path"));
                continue;
            }
            String base = baseName(f);
            if (!plainFileName(base))
                errors.add(new FieldError(field, "file name '" + base + "' must be 1-255 of A-Z a-z 0-9 _ . -"));
            else if (!seen.add(base))
                errors.add(new FieldError(field, "two files are both named '" + base + "': every task's work dir holds them side by side"));
            else fileNames.add(base);
        }

        if (runtime != Runtime.EMBED) {
            outputs = d.outputs() == null ? List.of() : d.outputs();
            for (int i = 0; i < outputs.size(); i++) {
                String o = outputs.get(i);
                String field = "outputs[" + i + "]";
                if (o == null || o.isBlank()) errors.add(new FieldError(field, "must be a glob such as out/*.json"));
                else if (o.startsWith("/") || o.contains("\\") || List.of(o.split("/")).contains(".."))
                    errors.add(new FieldError(field, "must be relative to the work dir, without '..': '" + o + "'"));
            }
        }

        Resources resources = resources(errors, d.resources());

        Credits maxPrice = DEFAULT_MAX_PRICE;
        if (d.maxPrice() != null) {
            try {
                maxPrice = Credits.of(d.maxPrice());
                if (maxPrice.micros() <= 0 || maxPrice.compareTo(MAX_PRICE_LIMIT) > 0)
                    errors.add(new FieldError("maxPrice", "must be more than 0 and at most " + MAX_PRICE_LIMIT + " credits per hour, was " + d.maxPrice().toPlainString()));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("maxPrice", e.getMessage()));
            }
        }

        Duration timeout = DEFAULT_TIMEOUT;
        if (d.timeout() != null) {
            try {
                timeout = Durations.parse(d.timeout());
                if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0)
                    errors.add(new FieldError("timeout", "must be between 1s and 7d, was " + d.timeout()));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("timeout", e.getMessage()));
            }
        }

        int retries = d.retries() == null ? DEFAULT_RETRIES : d.retries();
        if (retries < 0 || retries > MAX_RETRIES) errors.add(new FieldError("retries", "must be between 0 and " + MAX_RETRIES + ", was " + retries));

        List<String> regions = d.regions() == null ? List.of() : d.regions();
        for (int i = 0; i < regions.size(); i++) {
            String r = regions.get(i);
            if (r == null || !REGION.matcher(r).matches())
                errors.add(new FieldError("regions[" + i + "]", "must be a region name of lower-case letters, digits and '-', was '" + r + "'"));
        }

        Duration checkpointInterval = runtime == Runtime.EMBED ? null : checkpointInterval(errors, d.checkpoint());
        SpeculationSpec speculation = speculation(errors, d.speculation());
        VerifySpec verify = VerifyValidation.verify(errors, d.verify(), runtime == Runtime.EMBED);
        Credits minStake = minStake(errors, d.minStake());

        if (!errors.isEmpty()) return new Invalid(errors);
        return new Valid(new JobSpec(name, runtime, command, taskArgs, fileNames, outputs, resources, maxPrice, timeout, retries,
                regions, Boolean.TRUE.equals(d.network()), checkpointInterval, speculation, verify, minStake, embed));
    }

    /** An exec job's command and its tasks' arguments: from {@code args}, or {@code tasks} empty lists (1 by default). */
    private static void execTasks(List<FieldError> errors, JobSpecDraft d, List<String> command, List<List<String>> taskArgs) {
        if (command.isEmpty()) errors.add(new FieldError("command", "is required: a list of strings, e.g. [\"sh\", \"-c\", \"echo hi\"]"));
        for (int i = 0; i < command.size(); i++) checkArg(errors, "command[" + i + "]", command.get(i));

        if (d.args() != null) {
            if (d.args().isEmpty() || d.args().size() > MAX_TASKS)
                errors.add(new FieldError("args", "must list between 1 and " + MAX_TASKS + " tasks' arguments, was " + d.args().size()));
            for (int i = 0; i < d.args().size(); i++) {
                List<String> a = d.args().get(i);
                if (a == null) {
                    errors.add(new FieldError("args[" + i + "]", "must be a list of strings"));
                    continue;
                }
                for (int j = 0; j < a.size(); j++) checkArg(errors, "args[" + i + "][" + j + "]", a.get(j));
                taskArgs.add(a.stream().map(s -> s == null ? "" : s).toList());
            }
            if (d.tasks() != null && d.tasks() != d.args().size())
                errors.add(new FieldError("tasks", "is " + d.tasks() + " but args lists " + d.args().size() + " tasks; give one or make them agree"));
        } else {
            int tasks = d.tasks() == null ? 1 : d.tasks();
            if (tasks < 1 || tasks > MAX_TASKS) errors.add(new FieldError("tasks", "must be between 1 and " + MAX_TASKS + ", was " + tasks));
            else for (int i = 0; i < tasks; i++) taskArgs.add(List.of());
        }
    }

    /** Null when the spec names none (or 0): any provider may run the job, whatever it has staked. */
    private static Credits minStake(List<FieldError> errors, java.math.BigDecimal v) {
        if (v == null) return null;
        try {
            Credits c = Credits.of(v);
            if (c.isNegative() || c.compareTo(MAX_MIN_STAKE) > 0) {
                errors.add(new FieldError("minStake", "must be between 0 and " + MAX_MIN_STAKE + " credits, was " + v.toPlainString()));
                return null;
            }
            return c.micros() == 0 ? null : c;
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("minStake", e.getMessage()));
            return null;
        }
    }

    /** Null when the spec has no checkpoint block: the job does not checkpoint. */
    private static Duration checkpointInterval(List<FieldError> errors, JobSpecDraft.CheckpointDraft c) {
        if (c == null) return null;
        if (c.interval() == null) {
            errors.add(new FieldError("checkpoint.interval", "is required in a checkpoint block, e.g. 30s"));
            return null;
        }
        try {
            Duration interval = Durations.parse(c.interval());
            if (interval.compareTo(MIN_CHECKPOINT_INTERVAL) >= 0 && interval.compareTo(MAX_CHECKPOINT_INTERVAL) <= 0) return interval;
            errors.add(new FieldError("checkpoint.interval", "must be between 1s and 1h, was " + c.interval()));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("checkpoint.interval", e.getMessage()));
        }
        return null;
    }

    /** The default when the spec has no speculation block; off when it says {@code enabled: false} or {@code maxBackups: 0}. */
    private static SpeculationSpec speculation(List<FieldError> errors, JobSpecDraft.SpeculationDraft d) {
        if (d == null) return SpeculationSpec.DEFAULT;
        int before = errors.size();
        double slowdown = SpeculationSpec.DEFAULT.slowdown();
        if (d.slowdown() != null) {
            slowdown = d.slowdown().doubleValue();
            if (!(slowdown >= 1.0 && slowdown <= MAX_SLOWDOWN))
                errors.add(new FieldError("speculation.slowdown", "must be between 1 and " + (int) MAX_SLOWDOWN + " (times the job's median runtime), was "
                        + d.slowdown().toPlainString()));
        }
        int maxBackups = d.maxBackups() == null ? SpeculationSpec.DEFAULT.maxBackups() : d.maxBackups();
        if (maxBackups < 0 || maxBackups > MAX_BACKUPS)
            errors.add(new FieldError("speculation.maxBackups", "must be between 0 and " + MAX_BACKUPS + ", was " + maxBackups));
        if (Boolean.FALSE.equals(d.enabled()) && (d.slowdown() != null || d.maxBackups() != null))
            errors.add(new FieldError("speculation.enabled", "is false, so slowdown and maxBackups would be ignored; drop them or the enabled flag"));
        if (errors.size() > before) return SpeculationSpec.DEFAULT;
        return Boolean.FALSE.equals(d.enabled()) ? SpeculationSpec.OFF : new SpeculationSpec(slowdown, maxBackups);
    }

    private static Resources resources(List<FieldError> errors, JobSpecDraft.ResourcesDraft r) {
        if (r == null) return Resources.DEFAULT;
        int before = errors.size();
        int cpu = r.cpu() == null ? Resources.DEFAULT.cpu() : r.cpu();
        long mem = r.memoryMb() == null ? Resources.DEFAULT.memoryMb() : r.memoryMb();
        int gpus = r.gpus() == null ? 0 : r.gpus();
        long minGpuMem = r.minGpuMemoryMb() == null ? 0 : r.minGpuMemoryMb();
        if (cpu < 1 || cpu > 1024) errors.add(new FieldError("resources.cpu", "must be between 1 and 1024, was " + cpu));
        if (mem < 1 || mem > 4L * 1024 * 1024) errors.add(new FieldError("resources.memoryMb", "must be between 1 and 4194304, was " + mem));
        if (gpus < 0 || gpus > 64) errors.add(new FieldError("resources.gpus", "must be between 0 and 64, was " + gpus));
        if (minGpuMem < 0 || minGpuMem > 1024L * 1024) errors.add(new FieldError("resources.minGpuMemoryMb", "must be between 0 and 1048576, was " + minGpuMem));
        if ((r.gpuModel() != null || minGpuMem > 0) && gpus == 0)
            errors.add(new FieldError("resources.gpus", "must be at least 1 when gpuModel or minGpuMemoryMb is set"));
        if (r.gpuModel() != null && r.gpuModel().length() > 64) errors.add(new FieldError("resources.gpuModel", "must be at most 64 characters"));
        return errors.size() > before ? Resources.DEFAULT : new Resources(cpu, mem, gpus, r.gpuModel(), minGpuMem);
    }

    private static void checkArg(List<FieldError> errors, String field, String value) {
        if (value == null) errors.add(new FieldError(field, "must be a string"));
        else if (value.length() > MAX_ARG_CHARS) errors.add(new FieldError(field, "must be at most " + MAX_ARG_CHARS + " characters"));
        else if (value.indexOf('\0') >= 0) errors.add(new FieldError(field, "must not contain NUL"));
    }

    /** Whether {@code name} is a file name a task's work dir may hold: 1-255 of A-Z a-z 0-9 _ . -, not . or .. (so no '/'). */
    static boolean plainFileName(String name) {
        return FILE_NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    static String baseName(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }

}
