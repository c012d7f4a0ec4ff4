package org.gridmint.provider.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupMountsTest {
    private static final List<String> HYBRID_MOUNTINFO = List.of(
            "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
            "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime shared:9 - cgroup cgroup rw,cpu,cpuacct",
            "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
            "39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids",
            "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw");
    private static final List<String> HYBRID_CGROUP = List.of(
            "8:pids:/", "4:memory:/process_api/abc", "1:cpu,cpuacct:/jobs", "0::/");

    @Test
    void v1Dir_joinsTheControllersMountAndOurPath() {
        CgroupMounts m = CgroupMounts.parse(HYBRID_MOUNTINFO, HYBRID_CGROUP);

        assertThat(m.v1Dir("memory")).contains(Path.of("/sys/fs/cgroup/memory/process_api/abc"));
        assertThat(m.v1Dir("cpu")).contains(Path.of("/sys/fs/cgroup/cpu,cpuacct/jobs"));
        assertThat(m.v1Dir("pids")).contains(Path.of("/sys/fs/cgroup/pids"));
        assertThat(m.v1Dir("blkio")).isEmpty();
    }

    @Test
    void v2Dir_onAPureV2Host_isOurGroupUnderTheUnifiedMount() {
        CgroupMounts m = CgroupMounts.parse(
                List.of("30 23 0:26 / /sys/fs/cgroup rw,nosuid shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot"),
                List.of("0::/system.slice/gridmint.service"));

        assertThat(m.v2Dir()).contains(Path.of("/sys/fs/cgroup/system.slice/gridmint.service"));
        assertThat(m.v1Dir("memory")).isEmpty();
    }

    @Test
    void v2Dir_insideACgroupNamespace_stripsTheMountRoot() {
        CgroupMounts m = CgroupMounts.parse(
                List.of("30 23 0:26 /kubepods/pod1 /sys/fs/cgroup ro,nosuid - cgroup2 cgroup2 rw"),
                List.of("0::/kubepods/pod1/agent"));

        assertThat(m.v2Dir()).contains(Path.of("/sys/fs/cgroup/agent"));
    }
}
