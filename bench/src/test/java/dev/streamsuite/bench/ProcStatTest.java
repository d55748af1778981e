package dev.streamsuite.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcStatTest {

    @Test
    @EnabledOnOs(OS.LINUX) // /proc
    void residentMemoryOfThisJvmIsAtMostItsPeak() {
        long pid = ProcessHandle.current().pid();
        long now = ProcStat.statusMiB(pid, "VmRSS");
        long peak = ProcStat.statusMiB(pid, "VmHWM");
        // a JVM running tests is resident with tens of MiB at least
        assertThat(now).isGreaterThan(10);
        assertThat(peak).isGreaterThanOrEqualTo(now);
        assertThat(ProcStat.statusMiB(pid, "NoSuchField")).isEqualTo(-1);
        assertThat(ProcStat.statusMiB(0, "VmRSS")).isEqualTo(-1);
    }
}
