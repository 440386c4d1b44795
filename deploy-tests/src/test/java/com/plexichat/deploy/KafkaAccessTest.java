package com.plexichat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.EventTypes;
import com.plexichat.platform.events.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Kafka's authentication and ACLs (docs/operations.md, "Kafka authentication and ACLs"): in production every
 * deployable that talks to Kafka logs in as a KafkaUser of its own, which may write exactly the topics of the events
 * its service produces (the contracts' producers), and docker-compose.kafka-acls.yml grants the very same.
 */
class KafkaAccessTest {

    private static final Repository REPOSITORY = Repository.find();
    private static final String JAAS_VARIABLE = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG";
    /** Topics outside the event contracts, each written and read by one service alone (AuditCheckpoints, SignalRelay). */
    private static final Map<String, String> SERVICE_TOPICS =
            Map.of("plexichat.audit-checkpoints", "admin-service", "plexichat.call-signals", "call-service");
    /** Replays dead letters (POST /v1/admin/dead-letters/{topic}/replay). */
    private static final String REPLAYER = "admin-service";
    /** Read back by admin-service without a listener (no consumer group, nothing dead-lettered). */
    private static final String AUDIT_CHECKPOINTS = "plexichat.audit-checkpoints";

    /** What a KafkaUser may do: topics it writes and reads (literal), and the group prefixes it reads. */
    record Access(Set<String> writes, Set<String> reads, Set<String> groups) {}

    @Test
    void theBrokerAuthenticatesEveryClientAndChecksItsAcls() {
        GenericKubernetesResource kafka =
                KubernetesManifestsTest.overlay("prod").custom("Kafka").getFirst();
        Map<String, Object> spec = map(KubernetesManifestsTest.spec(kafka).get("kafka"));
        assertThat(list(spec.get("listeners")))
                .as("every listener authenticates with SCRAM-SHA-512")
                .isNotEmpty()
                .allSatisfy(l -> assertThat(map(map(l).get("authentication"))).containsEntry("type", "scram-sha-512"));
        assertThat(map(spec.get("authorization"))).containsEntry("type", "simple");
        assertThat(map(KubernetesManifestsTest.spec(kafka).get("entityOperator")))
                .as("the user operator makes the KafkaUsers")
                .containsKey("userOperator");
        assertThat(configMap("prod").getData())
                .containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
        assertThat(KubernetesManifestsTest.overlay("dev").custom("KafkaUser"))
                .as("dev keeps its single Kafka pod on PLAINTEXT")
                .isEmpty();
        assertThat(configMap("dev").getData()).doesNotContainKey("SPRING_KAFKA_SECURITY_PROTOCOL");
    }

    @Test
    void everyDeployableThatTalksToKafkaLogsInAsAKafkaUserOfItsOwn() {
        Map<String, GenericKubernetesResource> users = kafkaUsers();
        assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(kafkaClients());
        for (String client : kafkaClients()) {
            Map<String, Object> spec = KubernetesManifestsTest.spec(users.get(client));
            assertThat(users.get(client).getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "plexichat");
            assertThat(map(spec.get("authentication"))).containsEntry("type", "scram-sha-512");
            assertThat(map(spec.get("authorization"))).containsEntry("type", "simple");
            Deployment deployment = KubernetesManifestsTest.overlay("prod")
                    .find(Deployment.class, client)
                    .orElseThrow();
            List<EnvVar> env = deployment
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .getFirst()
                    .getEnv();
            assertThat(env)
                    .as(client + " logs in with the sasl.jaas.config of its KafkaUser's Secret")
                    .anySatisfy(e -> {
                        assertThat(e.getName()).isEqualTo(JAAS_VARIABLE);
                        assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo(client);
                        assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");
                    });
        }
    }

    @Test
    void eachKafkaUserWritesExactlyTheTopicsOfTheEventsItsServiceProduces() {
        access().forEach((client, access) -> {
            Set<String> produced = new TreeSet<>();
            for (EventType<?> type : EventTypes.ALL) {
                if (type.producers().contains(client)) {
                    produced.add(type.topic());
                }
            }
            SERVICE_TOPICS.forEach((topic, writer) -> {
                if (writer.equals(client)) {
                    produced.add(topic);
                }
            });
            if (client.equals(REPLAYER)) {
                // Sends dead letters back to their topic: it writes every topic whose dead letters it reads.
                access.reads().stream()
                        .filter(t -> t.endsWith(Topics.DEAD_LETTER_SUFFIX))
                        .map(t -> t.substring(0, t.length() - Topics.DEAD_LETTER_SUFFIX.length()))
                        .forEach(produced::add);
            }
            Set<String> written = access.writes().stream()
                    .filter(t -> !t.endsWith(Topics.DEAD_LETTER_SUFFIX))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(written).as("topics " + client + " may write").isEqualTo(produced);
        });
    }

    @Test
    void eachKafkaUserFeedsTheDeadLetterTopicOfEveryTopicItReadsAndOfNoOther() {
        access().forEach((client, access) -> {
            Set<String> deadLetters = access.writes().stream()
                    .filter(t -> t.endsWith(Topics.DEAD_LETTER_SUFFIX))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> expected = access.reads().stream()
                    .filter(t -> !t.equals(AUDIT_CHECKPOINTS) && !t.endsWith(Topics.DEAD_LETTER_SUFFIX))
                    .map(Topics::deadLetter)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(deadLetters)
                    .as("dead-letter topics " + client + " may write")
                    .isEqualTo(expected);
            assertThat(access.reads())
                    .as(client + " follows session.revoked and the live settings")
                    .contains(Topics.AUTH, Topics.SETTINGS);
        });
    }

    @Test
    void onlyAdminServiceReadsDeadLettersAndItReadsEveryOneThatIsFed() {
        Map<String, Access> access = access();
        Set<String> fed = new TreeSet<>();
        access.values()
                .forEach(a -> a.writes().stream()
                        .filter(t -> t.endsWith(Topics.DEAD_LETTER_SUFFIX))
                        .forEach(fed::add));
        access.forEach((client, a) -> {
            Set<String> deadLettersRead = a.reads().stream()
                    .filter(t -> t.endsWith(Topics.DEAD_LETTER_SUFFIX))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(deadLettersRead)
                    .as("dead-letter topics " + client + " may read")
                    .isEqualTo(client.equals(REPLAYER) ? fed : Set.of());
        });
    }

    @Test
    void aKafkaUserJoinsOnlyItsOwnConsumerGroupsAndMayChangeNoTopic() {
        Set<String> operations = Set.of("Read", "Write", "Describe", "DescribeConfigs");
        kafkaUsers().forEach((client, user) -> {
            for (Object rule : list(
                    map(KubernetesManifestsTest.spec(user).get("authorization")).get("acls"))) {
                Map<String, Object> resource = map(map(rule).get("resource"));
                List<Object> granted = list(map(rule).get("operations"));
                String where = client + " " + resource;
                assertThat(granted).as(where).isNotEmpty().allMatch(operations::contains);
                assertThat(resource.get("type")).as(where).isIn("topic", "group");
                String name = String.valueOf(resource.get("name"));
                if (granted.contains("Write") || (resource.get("type").equals("topic") && granted.contains("Read"))) {
                    assertThat(resource.get("patternType"))
                            .as(where + ": one topic by name")
                            .isEqualTo("literal");
                }
                if (resource.get("type").equals("group") && granted.contains("Read")) {
                    assertThat(resource.get("patternType")).as(where).isEqualTo("prefix");
                    assertThat(name.startsWith(client + ".")
                                    || name.startsWith(client + "-")
                                    || name.equals("revocations-" + client + "-"))
                            .as(where + ": a group of " + client + "'s own")
                            .isTrue();
                }
                if (granted.contains("DescribeConfigs")) {
                    assertThat(client + " " + name)
                            .as("only admin-service compares its two topics' settings")
                            .isIn("admin-service " + Topics.SETTINGS, "admin-service " + AUDIT_CHECKPOINTS);
                }
            }
            assertThat(access().get(client).groups())
                    .as(client + "'s live settings, one group per instance")
                    .contains(client + "-settings-");
        });
    }

    @Test
    void dockerComposeGrantsWhatProductionGrants() {
        String script = REPOSITORY.read("infra/compose/kafka/acls.sh").replace("\\\n", "");
        Matcher acl = Pattern.compile("(?m)^acl\\s+(\\S+)\\s+\"([^\"]*)\"\\s+\"([^\"]*)\"\\s+\"([^\"]*)\"")
                .matcher(script);
        Map<String, Access> compose = new TreeMap<>();
        while (acl.find()) {
            compose.put(acl.group(1), new Access(words(acl.group(2)), words(acl.group(3)), words(acl.group(4))));
        }
        assertThat(compose).isEqualTo(access());
    }

    /** The deployables with platform-events: everything that talks to Kafka. */
    private static Set<String> kafkaClients() {
        return REPOSITORY.deployables().entrySet().stream()
                .filter(d ->
                        REPOSITORY.read(d.getValue() + "/pom.xml").contains("<artifactId>platform-events</artifactId>"))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, GenericKubernetesResource> kafkaUsers() {
        return KubernetesManifestsTest.overlay("prod").custom("KafkaUser").stream()
                .collect(Collectors.toMap(u -> u.getMetadata().getName(), u -> u, (a, b) -> a, TreeMap::new));
    }

    private static Map<String, Access> access() {
        Map<String, Access> access = new TreeMap<>();
        kafkaUsers().forEach((client, user) -> {
            Set<String> writes = new TreeSet<>();
            Set<String> reads = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            for (Object rule : list(
                    map(KubernetesManifestsTest.spec(user).get("authorization")).get("acls"))) {
                Map<String, Object> resource = map(map(rule).get("resource"));
                List<Object> granted = list(map(rule).get("operations"));
                String name = String.valueOf(resource.get("name"));
                if ("topic".equals(resource.get("type")) && "literal".equals(resource.get("patternType"))) {
                    if (granted.contains("Write")) {
                        writes.add(name);
                    }
                    if (granted.contains("Read")) {
                        reads.add(name);
                    }
                } else if ("group".equals(resource.get("type")) && granted.contains("Read")) {
                    groups.add(name);
                }
            }
            access.put(client, new Access(writes, reads, groups));
        });
        return access;
    }

    private static ConfigMap configMap(String overlay) {
        return KubernetesManifestsTest.overlay(overlay).all(ConfigMap.class).stream()
                .filter(m -> m.getMetadata().getName().startsWith("plexichat-environment"))
                .findFirst()
                .orElseThrow();
    }

    private static Set<String> words(String list) {
        return new TreeSet<>(List.of(list.trim().split("\\s+")).stream()
                .filter(w -> !w.isEmpty())
                .toList());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
