package com.plexichat.devstack;

import com.plexichat.devstack.process.Http;
import com.plexichat.devstack.process.LaunchSpec;
import com.plexichat.devstack.process.Ports;
import com.plexichat.devstack.process.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * An S3 API on loopback: s3proxy with its filesystem backend, where every bucket is a directory under {@code
 * baseDir}. It runs in its own JVM because it brings Jetty 11, Netty, the AWS SDK v1 and Guava, which must stay
 * off the classpath of whatever uses devstack.
 */
public final class S3Server extends ChildProcessServer {

    public static final Duration START_TIMEOUT = Duration.ofMinutes(1);
    public static final List<String> JVM_OPTIONS =
            List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx256m");

    private final Path baseDir;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final String bucket;

    public S3Server(Path baseDir, int port, String accessKey, String secretKey, String bucket) {
        super("s3proxy", START_TIMEOUT, Duration.ofSeconds(10));
        this.baseDir = baseDir.toAbsolutePath();
        this.port = port == 0 ? Ports.free() : port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.bucket = bucket;
    }

    /**
     * Creates the bucket directory and the s3proxy configuration (beside {@code baseDir}: everything inside it is
     * a bucket) and returns the command without running it.
     */
    @Override
    public LaunchSpec prepare() {
        Path properties = baseDir.resolveSibling(baseDir.getFileName() + "-s3proxy.properties");
        try {
            Files.createDirectories(baseDir.resolve(bucket));
            var config = new Properties();
            config.setProperty("s3proxy.endpoint", endpoint());
            config.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            config.setProperty("s3proxy.identity", accessKey);
            config.setProperty("s3proxy.credential", secretKey);
            config.setProperty("jclouds.provider", "filesystem");
            config.setProperty("jclouds.identity", accessKey);
            config.setProperty("jclouds.credential", secretKey);
            config.setProperty("jclouds.filesystem.basedir", baseDir.toString());
            Files.deleteIfExists(properties);
            Files.createFile(
                    properties, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(properties, StandardCharsets.UTF_8)) {
                config.store(writer, "written by PlexiChat devstack; the credential is a secret");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare s3proxy in " + baseDir, e);
        }
        var command = new ArrayList<String>();
        command.add(Processes.javaExecutable().toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(
                List.of("-jar", DevstackArtifacts.s3proxyJar().toString(), "--properties", properties.toString()));
        return new LaunchSpec(
                command, Map.of(), baseDir.getParent(), baseDir.resolveSibling(baseDir.getFileName() + "-s3proxy.log"));
    }

    /** s3proxy answers every path (mostly with an S3 error document), so any HTTP status means it is up. */
    @Override
    public boolean isReady() {
        return Http.status(URI.create(endpoint() + "/")) > 0;
    }

    public void awaitReady(Duration timeout, BooleanSupplier alive) {
        Http.await("s3proxy on port " + port, timeout, this::isReady, alive);
    }

    public String endpoint() {
        return "http://" + Ports.LOOPBACK + ":" + port;
    }

    @Override
    public int port() {
        return port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String bucket() {
        return bucket;
    }
}
