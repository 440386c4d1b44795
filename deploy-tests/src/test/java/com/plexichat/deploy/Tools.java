package com.plexichat.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command line tool the way an operator would, and fails with its own words when it fails. */
final class Tools {

    private Tools() {}

    record Result(int exitCode, String stdout, String stderr) {}

    static Result run(Path dir, List<String> command) {
        try {
            // stderr to a file: reading one pipe to its end while the other fills up would hang both sides.
            Path stderr = Files.createTempFile("deploy-tests", ".stderr");
            try {
                Process process = new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectError(stderr.toFile())
                        .start();
                process.getOutputStream().close();
                String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in 2 minutes");
                }
                return new Result(process.exitValue(), stdout, Files.readString(stderr));
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    command.getFirst() + " is needed to check the deployment files (.ci/run installs it): "
                            + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code kubectl kustomize <dir>}: the manifests exactly as {@code kubectl apply -k} would send them. */
    static String kustomize(Repository repository, String dir) {
        Result result = run(repository.root(), List.of("kubectl", "kustomize", dir));
        if (result.exitCode() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + result.stderr());
        }
        return result.stdout();
    }
}
