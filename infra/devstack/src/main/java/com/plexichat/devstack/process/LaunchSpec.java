package com.plexichat.devstack.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What it takes to start one child process whose output goes to a file. */
public record LaunchSpec(List<String> command, Map<String, String> environment, Path workingDirectory, Path logFile) {

    public LaunchSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    public LaunchSpec withLogFile(Path newLogFile) {
        return new LaunchSpec(command, environment, workingDirectory, newLogFile);
    }
}
