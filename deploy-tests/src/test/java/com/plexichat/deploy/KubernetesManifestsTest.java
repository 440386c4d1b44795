package com.plexichat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.plexichat.platform.events.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** k8s/ as {@code kubectl apply -k} would send it: every overlay rendered, parsed strictly, and held to the policy. */
class KubernetesManifestsTest {

    private static final Repository REPOSITORY = Repository.find();
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    static Manifests overlay(String name) {
        return RENDERED.computeIfAbsent(name, n -> Manifests.parse(Tools.kustomize(REPOSITORY, "k8s/overlays/" + n)));
    }

    static ManifestPolicy policy() {
        var deployables = REPOSITORY.deployables().keySet();
        Map<String, Integer> ports = deployables.stream().collect(Collectors.toMap(d -> d, REPOSITORY::serverPort));
        Map<String, Integer> management =
                deployables.stream().collect(Collectors.toMap(d -> d, REPOSITORY::managementPort));
        return new ManifestPolicy(
                new ManifestPolicy.Context(deployables, ports, management, REPOSITORY.documentedSecrets()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectParsesStrictly(String overlay) {
        assertThat(overlay(overlay).unknownFields())
                .as("fields the Kubernetes API does not have (the API server would drop them silently)")
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyOverlayHoldsThePolicy(String overlay) {
        assertThat(policy().check(overlay(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeployableRunsOnce(String overlay) {
        List<String> workloads = ManifestPolicy.workloads(overlay(overlay)).stream()
                .filter(ManifestPolicy.Workload::plexichat)
                .map(ManifestPolicy.Workload::name)
                .sorted()
                .toList();
        assertThat(workloads)
                .containsExactlyElementsOf(
                        REPOSITORY.deployables().keySet().stream().sorted().toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void configServerServesConfigRepo(String overlay) {
        ConfigMap configRepo = overlay(overlay).all(ConfigMap.class).stream()
                .filter(m -> m.getMetadata().getName().startsWith("config-repo-"))
                .findFirst()
                .orElseThrow();
        Map<String, String> expected = REPOSITORY.filesIn("config-repo", ".yml").stream()
                .collect(Collectors.toMap(f -> f, f -> REPOSITORY.read("config-repo/" + f)));
        assertThat(configRepo.getData())
                .as("config-repo/kustomization.yaml lists every config-repo/*.yml")
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void grafanaGetsTheDashboardsComposeProvisions(String overlay) {
        ConfigMap dashboards =
                overlay(overlay).find(ConfigMap.class, "plexichat-dashboards").orElseThrow();
        assertThat(dashboards.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboards.getData().keySet())
                .containsExactlyInAnyOrderElementsOf(REPOSITORY.filesIn("infra/compose/grafana/dashboards", ".json"));
    }

    @Test
    void productionScalesSpreadsAndSurvivesDisruptions() {
        Manifests prod = overlay("prod");
        for (var w : ManifestPolicy.workloads(prod)) {
            if (!w.plexichat()) {
                continue;
            }
            assertThat(prod.all(PodDisruptionBudget.class))
                    .as("a PodDisruptionBudget for " + w.describe())
                    .anyMatch(p -> w.name()
                            .equals(p.getSpec().getSelector().getMatchLabels().get(ManifestPolicy.NAME)));
            assertThat(w.pod().getTopologySpreadConstraints())
                    .as("topology spread of " + w.describe())
                    .isNotEmpty();
            boolean fixedSize = w.object() instanceof StatefulSet || w.name().equals("config-server");
            if (!fixedSize) {
                assertThat(prod.find(HorizontalPodAutoscaler.class, w.name()))
                        .as("an HPA for " + w.describe())
                        .hasValueSatisfying(
                                h -> assertThat(h.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2));
            }
        }
        var messaging =
                prod.find(HorizontalPodAutoscaler.class, "messaging-service").orElseThrow();
        assertThat(messaging.getSpec().getMetrics())
                .as("messaging-service also scales on its sockets")
                .anyMatch(m -> m.getPods() != null
                        && m.getPods().getMetric().getName().equals("plexichat_websocket_connections"));
    }

    @Test
    void productionIsMonitoredAndAlerts() {
        Manifests prod = overlay("prod");
        List<String> monitored = prod.custom("ServiceMonitor").stream()
                .map(m -> m.getMetadata().getName())
                .sorted()
                .toList();
        assertThat(monitored)
                .containsExactlyElementsOf(
                        REPOSITORY.deployables().keySet().stream().sorted().toList());
        String rules = prod.custom("PrometheusRule").stream()
                .map(r -> String.valueOf(r.getAdditionalProperties().get("spec")))
                .collect(Collectors.joining());
        assertThat(rules)
                .as("alerts on 5xx, p99, consumer lag, outbox backlog, dead letters and instances down")
                .contains(
                        "outcome=\"SERVER_ERROR\"",
                        "histogram_quantile(0.99",
                        "kafka_consumer_fetch_manager_records_lag",
                        "plexichat_outbox_pending",
                        "plexichat_events_dead_lettered_total",
                        "up{");
    }

    @Test
    void productionInfrastructureComesFromOperators() {
        Manifests prod = overlay("prod");
        assertThat(prod.genericKinds())
                .contains(
                        "postgresql.cnpg.io/v1 Cluster",
                        "postgresql.cnpg.io/v1 Database",
                        "kafka.strimzi.io/v1beta2 Kafka",
                        "kafka.strimzi.io/v1beta2 KafkaNodePool",
                        "kafka.strimzi.io/v1beta2 KafkaTopic",
                        "kafka.strimzi.io/v1beta2 KafkaUser",
                        "k8s.keycloak.org/v2alpha1 Keycloak",
                        "k8s.keycloak.org/v2alpha1 KeycloakRealmImport");
        List<String> databases = prod.custom("Database").stream()
                .map(d -> String.valueOf(spec(d).get("name")))
                .sorted()
                .toList();
        List<String> expected = new ArrayList<>(REPOSITORY.deployables().keySet().stream()
                .filter(d -> d.endsWith("-service"))
                .toList());
        expected.add("keycloak");
        assertThat(databases).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(prod.all(StatefulSet.class))
                .as("no hand-run databases or brokers in production")
                .allMatch(s -> s.getMetadata().getName().equals("discovery-server"));
    }

    @Test
    void everyTopicIsAKafkaTopicWithItsDeadLetterTopic() throws IllegalAccessException {
        Map<String, Map<String, Object>> topics = overlay("prod").custom("KafkaTopic").stream()
                .collect(
                        Collectors.toMap(t -> String.valueOf(spec(t).get("topicName")), KubernetesManifestsTest::spec));
        List<String> used = new ArrayList<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && field.getType() == String.class
                    && !field.getName().equals("DEAD_LETTER_SUFFIX")) {
                used.add((String) field.get(null));
            }
        }
        // Topics one service alone writes and reads, named in that service (AuditCheckpoints, SignalRelay).
        used.add("plexichat.audit-checkpoints");
        used.add("plexichat.call-signals");
        for (String topic : used) {
            assertThat(topics).as("KafkaTopic " + topic).containsKey(topic);
            if (!topic.equals("plexichat.audit-checkpoints")) {
                assertThat(topics).as("its dead-letter topic").containsKey(Topics.deadLetter(topic));
            }
        }
        assertThat(topics.values())
                .allSatisfy(t -> assertThat(t.get("replicas")).isEqualTo(3));
        assertThat(topics.get(Topics.SETTINGS).toString()).contains("cleanup.policy=compact");
    }

    @Test
    void keycloakImportsTheRealmThatDevstackAndComposeImport() {
        if (RealmImport.regenerateIfAsked(REPOSITORY)) {
            RENDERED.remove("prod");
        }
        GenericKubernetesResource realmImport =
                overlay("prod").custom("KeycloakRealmImport").getFirst();
        String realmJson = REPOSITORY.read(RealmImport.REALM);
        assertThat(spec(realmImport).get("realm"))
                .as("k8s/overlays/prod/keycloak-realm-import.yaml is stale: " + RealmImport.HOW_TO_REGENERATE)
                .isEqualTo(new org.yaml.snakeyaml.Yaml().load(realmJson));
        @SuppressWarnings("unchecked")
        Map<String, Object> placeholders =
                (Map<String, Object>) spec(realmImport).get("placeholders");
        assertThat(placeholders.keySet()).containsExactlyInAnyOrderElementsOf(RealmImport.placeholders(realmJson));
    }

    @Test
    void devRunsOneOfEverything() {
        Manifests dev = overlay("dev");
        assertThat(dev.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(dev.all(Deployment.class))
                .allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(1));
        assertThat(dev.all(StatefulSet.class).stream().map(s -> s.getMetadata().getName()))
                .containsExactlyInAnyOrder("discovery-server", "postgres", "kafka", "keycloak", "minio");
        assertThat(dev.all(StatefulSet.class))
                .allSatisfy(s -> assertThat(s.getSpec().getReplicas()).isEqualTo(1));
        var keycloak = dev.find(StatefulSet.class, "keycloak").orElseThrow();
        assertThat(keycloak.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getEnv())
                .extracting(e -> e.getName())
                .as("the realm's placeholders")
                .containsAll(RealmImport.placeholders(REPOSITORY.read(RealmImport.REALM)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(HasMetadata resource) {
        return (Map<String, Object>)
                ((GenericKubernetesResource) resource).getAdditionalProperties().get("spec");
    }
}
