package com.plexichat.devstack.launcher;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The local-stack command line: {@code up | down | status | logs <name> [-f]}. Normally run through the {@code
 * plexichat} script at the repository root, which picks a JDK and builds what is missing.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("infra")) {
            InfraMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Instant launcherStart = ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
        System.exit(run(List.of(args), launcherStart));
    }

    static int run(List<String> args, Instant launcherStart) {
        if (args.isEmpty()) {
            usage();
            return 2;
        }
        StackConfig config;
        try {
            config = StackConfig.from(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        var stack = new LocalStack(config, System.out);
        return switch (args.get(0)) {
            case "up" -> stack.up(launcherStart);
            case "down" -> stack.down();
            case "status" -> stack.status();
            case "logs" -> {
                if (args.size() < 2) {
                    usage();
                    yield 2;
                }
                yield stack.logs(args.get(1), args.contains("-f") || args.contains("--follow"));
            }
            case "help", "-h", "--help" -> {
                usage();
                yield 0;
            }
            default -> {
                System.err.println("unknown command: " + args.get(0));
                usage();
                yield 2;
            }
        };
    }

    private static void usage() {
        System.out.println("""
                usage: plexichat <command>
                  up               start the local stack (only what is not running yet)
                  down             stop everything 'up' started
                  status           show every component with port, pid, health and memory
                  logs <name> [-f] print (or follow) the log of one component
                  build            (script only) build all jars with ./mvnw
                environment: PLEXICHAT_HOME, PLEXICHAT_PORT_OFFSET, PLEXICHAT_PORT_<NAME>,
                             PLEXICHAT_COMPONENTS, PLEXICHAT_JAVA_OPTS (see docs/local-stack.md)""");
    }
}
