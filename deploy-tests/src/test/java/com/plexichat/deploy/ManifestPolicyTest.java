package com.plexichat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The checker itself: a sound workload passes, and each way of breaking it is caught. */
class ManifestPolicyTest {

    private static final String SOUND = """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: user-service}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: user-service
              labels: {app.kubernetes.io/name: user-service, app.kubernetes.io/part-of: plexichat}
            spec:
              selector:
                matchLabels: {app.kubernetes.io/name: user-service}
              template:
                metadata:
                  labels: {app.kubernetes.io/name: user-service, app.kubernetes.io/part-of: plexichat}
                spec:
                  serviceAccountName: user-service
                  securityContext: {runAsNonRoot: true}
                  containers:
                    - name: user-service
                      image: registry.example.org/plexichat/user-service:1.0.0
                      ports:
                        - {name: http, containerPort: 8082}
                      env:
                        - name: PLEXICHAT_POSTGRES_PASSWORD
                          valueFrom: {secretKeyRef: {name: plexichat-postgres, key: password}}
                      resources:
                        requests: {cpu: 250m, memory: 512Mi}
                        limits: {memory: 768Mi}
                      startupProbe:
                        httpGet: {path: /actuator/health/liveness, port: http}
                      readinessProbe:
                        httpGet: {path: /actuator/health/readiness, port: http}
                      livenessProbe:
                        httpGet: {path: /actuator/health/liveness, port: http}
                      securityContext:
                        allowPrivilegeEscalation: false
                        readOnlyRootFilesystem: true
                        capabilities: {drop: [ALL]}
                      volumeMounts:
                        - {name: tmp, mountPath: /tmp}
                  volumes:
                    - name: tmp
                      emptyDir: {}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: user-service}
            spec:
              selector: {app.kubernetes.io/name: user-service}
              ports:
                - {name: http, port: 8082, targetPort: http}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny}
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: user-service}
            spec:
              podSelector:
                matchLabels: {app.kubernetes.io/name: user-service}
              policyTypes: [Ingress]
              ingress:
                - from:
                    - podSelector:
                        matchLabels: {app.kubernetes.io/name: gateway}
            """;

    private final ManifestPolicy policy = new ManifestPolicy(new ManifestPolicy.Context(
            Set.of("user-service", "gateway"),
            Map.of("user-service", 8082, "gateway", 8080),
            Map.of("gateway", 8079),
            Map.of("plexichat-postgres", Set.of("username", "password"))));

    @Test
    void aWorkloadWhoseActuatorHasAPortOfItsOwnMustProbeThere() {
        ManifestPolicy managed = new ManifestPolicy(new ManifestPolicy.Context(
                Set.of("user-service"),
                Map.of("user-service", 8082),
                Map.of("user-service", 9082),
                Map.of("plexichat-postgres", Set.of("username", "password"))));
        assertThat(managed.check(Manifests.parse(SOUND)))
                .contains(
                        "Deployment/user-service: no container port named management on management.server.port 9082",
                        "Deployment/user-service container user-service: readinessProbe is not on port management,"
                                + " where actuator is");
    }

    @Test
    void aSoundWorkloadPasses() {
        Manifests manifests = Manifests.parse(SOUND);
        assertThat(manifests.unknownFields()).isEmpty();
        assertThat(policy.check(manifests)).isEmpty();
    }

    @Test
    void aMissingProbeFails() {
        // The readiness probe and its one line of detail.
        String broken = SOUND.replaceAll("(?m)^ +readinessProbe:\n.*\n", "");
        assertThat(broken).isNotEqualTo(SOUND);
        assertThat(policy.check(Manifests.parse(broken)))
                .containsExactly("Deployment/user-service container user-service: readinessProbe is missing");
    }

    @Test
    void aFieldTheApiDoesNotHaveFailsTheStrictParse() {
        String typo = SOUND.replace("readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true");
        assertThat(Manifests.parse(typo).unknownFields())
                .containsExactly(
                        "Deployment/user-service.spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a writable root file system | readOnlyRootFilesystem: true | readOnlyRootFilesystem: false | readOnlyRootFilesystem is not true
            root allowed                | runAsNonRoot: true | runAsNonRoot: false | runAsNonRoot is not true
            capabilities kept           | drop: [ALL] | drop: [NET_RAW] | capabilities.drop does not hold ALL
            no memory limit             | limits: {memory: 768Mi} | limits: {cpu: '1'} | resources.limits needs memory
            an image of no module       | plexichat/user-service:1.0.0 | plexichat/users:1.0.0 | is not plexichat/<module>
            another module's image      | plexichat/user-service:1.0.0 | plexichat/gateway:1.0.0 | runs the image of gateway
            the wrong port              | containerPort: 8082 | containerPort: 8080 | but server.port is 8082
            an undocumented Secret      | name: plexichat-postgres, key: password | name: plexichat-db, key: password | Secret plexichat-db is not documented
            an undocumented key         | name: plexichat-postgres, key: password | name: plexichat-postgres, key: pass | key pass of Secret plexichat-postgres
            a Service selecting nothing | selector: {app.kubernetes.io/name: user-service} | selector: {app.kubernetes.io/name: users} | Service/user-service selects no workload
            no default deny             | podSelector: {} | podSelector: {matchLabels: {a: b}} | no default-deny NetworkPolicy
            a /tmp on the root disk     | emptyDir: {} | hostPath: {path: /tmp} | /tmp is not an emptyDir
            """)
    void eachBreakageIsCaught(String what, String sound, String broken, String violation) {
        String manifest = SOUND.replace(sound, broken);
        assertThat(manifest).as(what).isNotEqualTo(SOUND);
        assertThat(policy.check(Manifests.parse(manifest)))
                .as(what)
                .anySatisfy(v -> assertThat(v).contains(violation));
    }
}
