package org.gridmint.provider.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs commands under bubblewrap: new namespaces (no network unless the job allows it), an unprivileged user
 * with no capabilities, a read-only view of the system directories, fresh /proc, /dev and /tmp, and the work
 * dir as the only writable place, at {@link #WORK_DIR}.
 */
public final class BubblewrapSandbox implements Sandbox {
    /** Where a task sees its work dir, the same on every provider so jobs can rely on it. */
    public static final Path WORK_DIR = Path.of("/work");
    private static final List<String> SYSTEM_DIRS = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc");
    /*
     * Inside the user namespace the task's uid maps to the agent's own, so files the agent owns (everything,
     * when it runs as root) would be readable: mask the secrets that /etc holds.
     */
    private static final List<String> SECRET_FILES = List.of("/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-",
            "/etc/sudoers", "/etc/security/opasswd");
    private static final List<String> SECRET_DIRS = List.of("/etc/ssh", "/etc/ssl/private", "/etc/sudoers.d");

    private final Path bwrap;
    private final Limiter limiter;

    public BubblewrapSandbox(Path bwrap, Limiter limiter) {
        this.bwrap = Objects.requireNonNull(bwrap, "bwrap");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    @Override
    public Launch prepare(SandboxSpec spec) throws IOException {
        LimitScope scope = limiter.open(spec.id(), spec.limits());
        List<String> cmd = new ArrayList<>(scope.prefix());
        cmd.addAll(arguments(spec));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(spec.workDir().toFile());
        // bwrap's --clearenv empties the task's environment; this keeps the agent's out of bwrap itself too.
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        // No process-group sweep: bwrap's PID namespace dies with its first process, taking every child along.
        return new Launch(pb, scope, null);
    }

    /** The bwrap command line without the limit prefix; package-private for tests. */
    List<String> arguments(SandboxSpec spec) {
        List<String> a = new ArrayList<>(List.of(bwrap.toString(), "--unshare-all"));
        if (spec.network()) a.add("--share-net");
        a.addAll(List.of("--unshare-user", "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL",
                "--die-with-parent", "--new-session", "--clearenv"));
        for (String dir : SYSTEM_DIRS) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                // Merged-/usr systems make /bin a link to usr/bin: bind it as a link, or it shows the same tree twice.
                a.addAll(List.of("--symlink", readLink(p), dir));
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                a.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        for (String f : SECRET_FILES) if (Files.exists(Path.of(f), LinkOption.NOFOLLOW_LINKS)) a.addAll(List.of("--ro-bind", "/dev/null", f));
        for (String d : SECRET_DIRS) if (Files.isDirectory(Path.of(d), LinkOption.NOFOLLOW_LINKS)) a.addAll(List.of("--tmpfs", d));
        if (spec.network()) {
            // resolv.conf is often a link into /run, which we do not bind otherwise.
            a.addAll(List.of("--ro-bind-try", "/run/systemd/resolve", "/run/systemd/resolve"));
        }
        a.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        // tmpfs lives in memory: without a size a task could fill the host's RAM through /tmp where no cgroup counts it.
        if (spec.limits().memoryMb() > 0) a.addAll(List.of("--size", String.valueOf(spec.limits().memoryMb() * 1024 * 1024)));
        a.addAll(List.of("--tmpfs", "/tmp"));
        if (spec.gpus()) gpuDevices().forEach(d -> a.addAll(List.of("--dev-bind-try", d, d)));
        a.addAll(List.of("--bind", spec.workDir().toAbsolutePath().toString(), WORK_DIR.toString()));
        // bwrap's root is a writable tmpfs of its own; read-only, the work dir and /tmp are the only places to write.
        a.addAll(List.of("--remount-ro", "/", "--chdir", WORK_DIR.toString()));
        new TreeMap<>(spec.env()).forEach((k, v) -> a.addAll(List.of("--setenv", k, v)));
        a.add("--");
        a.addAll(spec.command());
        return a;
    }

    private static List<String> gpuDevices() {
        List<String> devices = new ArrayList<>();
        try (Stream<Path> dev = Files.list(Path.of("/dev"))) {
            dev.filter(p -> p.getFileName().toString().startsWith("nvidia")).map(Path::toString).sorted().forEach(devices::add);
        } catch (IOException e) {
            // no /dev listing means no GPU nodes to pass through; the task will say so when it looks for them
        }
        return devices;
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read link " + p, e);
        }
    }

    @Override
    public Path workDirInside(Path workDir) {
        return WORK_DIR;
    }

    @Override
    public boolean isolating() {
        return true;
    }

    @Override
    public Limiter limiter() {
        return limiter;
    }

    @Override
    public String describe() {
        return "bubblewrap at " + bwrap + ", limits: " + limiter.describe();
    }

    @Override
    public String toString() {
        return describe();
    }
}
