package com.plexichat.devstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path dir;

    @Test
    void recognisesTheRecordedProcessButNotAReusedPid() {
        var self = PidFile.of(ProcessHandle.current(), 1234);
        self.write(dir.resolve("self.pid"));

        var read = PidFile.read(dir.resolve("self.pid")).orElseThrow();
        assertThat(read).isEqualTo(self);
        assertThat(read.live()).contains(ProcessHandle.current());

        var reused = new PidFile(self.pid(), self.startedAt().minus(Duration.ofMinutes(5)), 1234);
        assertThat(reused.live()).isEmpty();
        assertThat(PidFile.read(dir.resolve("missing.pid"))).isEmpty();
    }
}
