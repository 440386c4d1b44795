package com.plexichat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml as Debian's docker-compose (1.29) reads it, and what it must hold. */
class ComposeFileTest {

    private static final Repository REPOSITORY = Repository.find();
    /** The optional override that turns on Kafka logins and ACLs (docs/operations.md). */
    private static final String KAFKA_ACLS = "docker-compose.kafka-acls.yml";

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

    @Test
    void theKafkaAclsOverrideLogsEveryKafkaClientInOnceItsAclsExist() {
        var result = compose(REPOSITORY.path(".env.example"), "docker-compose.yml", KAFKA_ACLS);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Map<String, Map<String, Object>> services = services(KAFKA_ACLS);
        for (String deployable : REPOSITORY.deployables().keySet()) {
            if (!REPOSITORY
                    .read(REPOSITORY.deployables().get(deployable) + "/pom.xml")
                    .contains("<artifactId>platform-events</artifactId>")) {
                continue; // no Kafka client
            }
            assertThat(services).as(deployable + " in " + KAFKA_ACLS).containsKey(deployable);
            assertThat(String.valueOf(services.get(deployable).get("environment")))
                    .as(deployable + " logs in as itself")
                    .contains("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "username=\"" + deployable + "\"");
            assertThat(String.valueOf(services.get(deployable).get("depends_on")))
                    .as(deployable + " starts once its ACLs exist")
                    .contains("kafka-acls");
        }
    }

    private static Tools.Result compose(Path envFile) {
        return compose(envFile, "docker-compose.yml");
    }

    private static Tools.Result compose(Path envFile, String... files) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "--env-file", envFile.toString()));
        for (String file : files) {
            command.add("-f");
            command.add(file);
        }
        command.addAll(List.of("config", "-q"));
        return Tools.run(REPOSITORY.root(), command);
    }

    private static Map<String, Map<String, Object>> services() {
        return services("docker-compose.yml");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services(String file) {
        Map<String, Object> compose = new Yaml().load(REPOSITORY.read(file));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> healthCheck(Map<String, Object> service) {
        return (Map<String, Object>) service.get("healthcheck");
    }
}
