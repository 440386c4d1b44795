package com.plexichat.devstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    private static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-Xmx512m");

    @TempDir
    Path dir;

    @Test
    void isValidOnlyForTheSameJarAndFlags() throws Exception {
        Path jar = Files.writeString(dir.resolve("demo-1.0.jar"), "jar");
        var cache = new AotCache(dir.resolve("aot"), "demo", jar, FLAGS);
        assertThat(cache.isValid()).isFalse();

        train(cache);
        assertThat(cache.isValid()).isTrue();
        assertThat(new AotCache(dir.resolve("aot"), "demo", jar, List.of("-XX:+UseSerialGC")).isValid())
                .isFalse();

        // Rebuilt with the same bytes (a reproducible build): still valid, and the new mtime is recorded.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(cache.isValid()).isTrue();
        assertThat(cache.isValid()).isTrue();

        // Rebuilt with other bytes of the same size: stale.
        Files.writeString(jar, "JAR");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(120)));
        assertThat(cache.isValid()).isFalse();

        train(cache);
        assertThat(cache.isValid()).isTrue();
        cache.invalidate();
        assertThat(cache.isValid()).isFalse();
    }

    @Test
    void commandsUseTheExtractedJarAndTheCache() {
        var cache = new AotCache(dir.resolve("aot"), "demo", dir.resolve("demo-1.0.jar"), FLAGS);
        Path extracted = dir.resolve("aot").resolve("demo").resolve("app").resolve("demo-1.0.jar");
        assertThat(cache.extractedJar()).isEqualTo(extracted);
        assertThat(cache.trainingCommand())
                .containsSubsequence(
                        "-XX:+UseSerialGC",
                        "-Xmx512m",
                        "-XX:AOTCacheOutput=" + cache.cacheFile(),
                        "-Dspring.context.exit=onRefresh",
                        "-jar",
                        extracted.toString());
        assertThat(cache.runCommand())
                .containsSubsequence(
                        "-XX:+UseSerialGC",
                        "-Xmx512m",
                        "-XX:AOTCache=" + cache.cacheFile(),
                        "-jar",
                        extracted.toString())
                .doesNotContain("-Dspring.context.exit=onRefresh");
        assertThat(cache.extractCommand())
                .contains("-Djarmode=tools", "extract", extracted.getParent().toString());
    }

    @Test
    void spotsARefusedCacheOnlyAfterTheOffset() throws Exception {
        Path log = Files.writeString(
                dir.resolve("demo.log"), "old run\n[error][aot] " + AotCache.REJECTED + "\n==== new run ====\n");
        long offset = Files.size(log);
        assertThat(AotCache.rejectedIn(log, 0)).isTrue();
        assertThat(AotCache.rejectedIn(log, offset)).isFalse();
        Files.writeString(
                log, "[0.2s][error][aot] " + AotCache.REJECTED + "\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(AotCache.rejectedIn(log, offset)).isTrue();
    }

    @Test
    void plexichatAotZeroTurnsItOff() {
        assertThat(StackConfig.from(Map.of()).aotRequested()).isTrue();
        assertThat(StackConfig.from(Map.of("PLEXICHAT_AOT", "0")).aotRequested())
                .isFalse();
        assertThat(StackConfig.from(Map.of("PLEXICHAT_AOT", "off")).aotRequested())
                .isFalse();
        assertThat(StackConfig.from(Map.of("PLEXICHAT_AOT", "1")).aotRequested())
                .isTrue();
    }

    /** What a successful training leaves behind, without running a JVM. */
    private static void train(AotCache cache) throws Exception {
        Map<String, String> stamp = cache.currentStamp(true);
        cache.reset();
        Files.createDirectories(cache.extractedJar().getParent());
        Files.writeString(cache.extractedJar(), "extracted");
        Files.writeString(cache.cacheFile(), "cache");
        cache.recordTrained(stamp);
    }
}
