package com.plexichat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml as Debian's docker-compose (1.29) reads it, and what it must hold. */
class ComposeFileTest {

    private static final Repository REPOSITORY = Repository.find();

    @Test
    void dockerComposeAcceptsTheFileWithTheExampleEnvironment() {
        var result = compose(REPOSITORY.path(".env.example"));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    @Test
    void aMissingSecretStopsComposeByName(@TempDir Path dir) throws IOException {
        Path env = dir.resolve(".env");
        Files.writeString(env, REPOSITORY.read(".env.example").replaceAll("(?m)^POSTGRES_PASSWORD=.*\\n", ""));
        var result = compose(env);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("POSTGRES_PASSWORD");
    }

    @Test
    void everyDeployableRunsWithAHealthCheckOnItsPort() {
        Map<String, Map<String, Object>> services = services();
        for (String deployable : REPOSITORY.deployables().keySet()) {
            assertThat(services).as(deployable + " in docker-compose.yml").containsKey(deployable);
            Map<String, Object> service = services.get(deployable);
            assertThat(String.valueOf(service.get("image"))).startsWith("plexichat/" + deployable + ":");
            assertThat(String.valueOf(healthCheck(service).get("test")))
                    .as(deployable + "'s health check")
                    .contains("localhost:" + REPOSITORY.managementPort(deployable) + "/actuator/health/readiness");
        }
    }

    @Test
    void everyLongRunningContainerHasAHealthCheckAndWaitsForHealthyDependencies() {
        services().forEach((name, service) -> {
            if (!service.containsKey("restart")) {
                return; // one-shot jobs (the bucket) finish instead
            }
            assertThat(service).as(name + " has a health check").containsKey("healthcheck");
            if (service.get("depends_on") instanceof Map<?, ?> dependsOn) {
                dependsOn.forEach((dependency, condition) -> assertThat(String.valueOf(condition))
                        .as(name + " waits for " + dependency)
                        .containsAnyOf("service_healthy", "service_completed_successfully"));
            }
        });
    }

    @Test
    void onlyTheGatewayAndGrafanaArePublished() {
        services().forEach((name, service) -> {
            if (service.containsKey("ports")) {
                assertThat(name).isIn("gateway", "grafana");
            }
        });
        assertThat(String.valueOf(services().get("grafana").get("ports"))).contains("127.0.0.1:");
    }

    @Test
    void prometheusScrapesEveryDeployable() {
        String prometheus = REPOSITORY.read("infra/compose/prometheus/prometheus.yml");
        for (String deployable : REPOSITORY.deployables().keySet()) {
            assertThat(prometheus).contains("- " + deployable + ":" + REPOSITORY.managementPort(deployable));
        }
    }

    private static Tools.Result compose(Path envFile) {
        return Tools.run(
                REPOSITORY.root(),
                List.of(
                        "docker-compose",
                        "--env-file",
                        envFile.toString(),
                        "-f",
                        "docker-compose.yml",
                        "config",
                        "-q"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        Map<String, Object> compose = new Yaml().load(REPOSITORY.read("docker-compose.yml"));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> healthCheck(Map<String, Object> service) {
        return (Map<String, Object>) service.get("healthcheck");
    }
}
