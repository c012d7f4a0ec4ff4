package org.gridmint.provider.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where this process's cgroups are, read from /proc/self/mountinfo and /proc/self/cgroup. */
record CgroupMounts(List<Mount> mounts, List<Membership> memberships) {

    /** One cgroup filesystem: v1 ("cgroup", with its controllers) or v2 ("cgroup2"). */
    record Mount(String root, Path mountPoint, String fsType, Set<String> controllers) {}

    /** One line of /proc/self/cgroup; v2's has hierarchy 0 and no controllers. */
    record Membership(int hierarchy, Set<String> controllers, String path) {}

    static CgroupMounts ofThisProcess() throws IOException {
        return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")), Files.readAllLines(Path.of("/proc/self/cgroup")));
    }

    static CgroupMounts parse(List<String> mountinfo, List<String> cgroup) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : mountinfo) {
            String[] f = line.split(" ");
            int dash = Arrays.asList(f).indexOf("-");
            if (dash < 5 || dash + 1 >= f.length) continue;
            String fsType = f[dash + 1];
            if (!fsType.equals("cgroup") && !fsType.equals("cgroup2")) continue;
            String superOptions = dash + 3 < f.length ? f[dash + 3] : "";
            mounts.add(new Mount(unescape(f[3]), Path.of(unescape(f[4])), fsType, Set.of(superOptions.split(","))));
        }
        List<Membership> memberships = new ArrayList<>();
        for (String line : cgroup) {
            String[] f = line.split(":", 3);
            if (f.length != 3) continue;
            Set<String> controllers = f[1].isEmpty() ? Set.of() : Set.of(f[1].split(","));
            memberships.add(new Membership(Integer.parseInt(f[0]), controllers, f[2]));
        }
        return new CgroupMounts(List.copyOf(mounts), List.copyOf(memberships));
    }

    /** The v1 directory of this process for {@code controller}, if that controller is mounted. */
    Optional<Path> v1Dir(String controller) {
        Optional<Membership> m = memberships.stream().filter(x -> x.hierarchy() != 0 && x.controllers().contains(controller)).findFirst();
        Optional<Mount> mount = mounts.stream().filter(x -> x.fsType().equals("cgroup") && x.controllers().contains(controller)).findFirst();
        if (m.isEmpty() || mount.isEmpty()) return Optional.empty();
        return Optional.of(resolve(mount.get(), m.get().path()));
    }

    /** The v2 directory of this process, if a unified hierarchy is mounted. */
    Optional<Path> v2Dir() {
        Optional<Membership> m = memberships.stream().filter(x -> x.hierarchy() == 0).findFirst();
        Optional<Mount> mount = mounts.stream().filter(x -> x.fsType().equals("cgroup2")).findFirst();
        if (m.isEmpty() || mount.isEmpty()) return Optional.empty();
        return Optional.of(resolve(mount.get(), m.get().path()));
    }

    private static Path resolve(Mount mount, String path) {
        // Inside a cgroup namespace the mount's root is a prefix of our path, or our path is already relative to it.
        String relative = path;
        if (!mount.root().equals("/") && path.startsWith(mount.root())) relative = path.substring(mount.root().length());
        relative = relative.replaceFirst("^/+", "");
        return relative.isEmpty() ? mount.mountPoint() : mount.mountPoint().resolve(relative);
    }

    private static String unescape(String s) {
        // mountinfo writes space, tab, newline and backslash as octal escapes.
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
