package com.plexichat.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every rendered overlay must hold, as a list of violations (empty = fine). PlexiChat's own workloads (label
 * {@code app.kubernetes.io/part-of=plexichat}) get the full rule set; infrastructure pods in an overlay still need
 * probes and memory bounds.
 */
final class ManifestPolicy {

    static final String PART_OF = "app.kubernetes.io/part-of";
    static final String NAME = "app.kubernetes.io/name";
    private static final Pattern IMAGE = Pattern.compile("^(?:.+/)?plexichat/([a-z0-9-]+)(?::[\\w.-]+)?$");

    /**
     * @param deployables the modules that build an image
     * @param serverPorts each deployable's {@code server.port}
     * @param managementPorts where a deployable's actuator is on a port of its own, that port
     * @param documentedSecrets the Secrets docs/operations.md lists, with their keys
     */
    record Context(
            Set<String> deployables,
            Map<String, Integer> serverPorts,
            Map<String, Integer> managementPorts,
            Map<String, Set<String>> documentedSecrets) {}

    /** A Deployment or a StatefulSet (a Job runs to completion: no probes). */
    record Workload(HasMetadata object, PodTemplateSpec template) {

        String name() {
            return object.getMetadata().getName();
        }

        String describe() {
            return object.getKind() + "/" + name();
        }

        boolean plexichat() {
            return "plexichat".equals(labels(object).get(PART_OF));
        }

        PodSpec pod() {
            return template.getSpec();
        }
    }

    private final Context context;

    ManifestPolicy(Context context) {
        this.context = context;
    }

    List<String> check(Manifests manifests) {
        List<String> violations = new ArrayList<>();
        List<Workload> workloads = workloads(manifests);
        for (Workload workload : workloads) {
            if (workload.plexichat()) {
                checkPlexichat(workload, manifests, violations);
            } else {
                for (Container c : workload.pod().getContainers()) {
                    checkProbes(workload, c, null, violations);
                    checkResources(workload, c, false, violations);
                }
            }
        }
        checkServices(manifests, workloads, violations);
        checkSecrets(manifests, violations);
        checkConfigMaps(manifests, violations);
        checkTargets(manifests, workloads, violations);
        checkNetworkPolicies(manifests, workloads, violations);
        return violations;
    }

    static List<Workload> workloads(Manifests manifests) {
        List<Workload> workloads = new ArrayList<>();
        manifests
                .all(Deployment.class)
                .forEach(d -> workloads.add(new Workload(d, d.getSpec().getTemplate())));
        manifests
                .all(StatefulSet.class)
                .forEach(s -> workloads.add(new Workload(s, s.getSpec().getTemplate())));
        return workloads;
    }

    private void checkPlexichat(Workload w, Manifests manifests, List<String> violations) {
        String where = w.describe();
        List<Container> containers = w.pod().getContainers();
        if (containers.size() != 1 || !w.name().equals(containers.getFirst().getName())) {
            violations.add(where + ": one container, named like the workload");
            return;
        }
        Container c = containers.getFirst();
        Matcher image = IMAGE.matcher(Objects.toString(c.getImage(), ""));
        if (!image.matches() || !context.deployables().contains(image.group(1))) {
            violations.add(where + ": image " + c.getImage() + " is not plexichat/<module> of a deployable module");
        } else if (!image.group(1).equals(w.name())) {
            violations.add(where + ": runs the image of " + image.group(1) + " (one name per service)");
        }
        Integer serverPort = context.serverPorts().get(w.name());
        Optional<ContainerPort> http =
                ports(c).stream().filter(p -> "http".equals(p.getName())).findFirst();
        if (http.isEmpty()) {
            violations.add(where + ": no container port named http");
        } else if (!Objects.equals(http.get().getContainerPort(), serverPort)) {
            violations.add(
                    where + ": container port " + http.get().getContainerPort() + " but server.port is " + serverPort);
        }
        String probePort = "http";
        Integer managementPort = context.managementPorts().get(w.name());
        if (managementPort != null && !managementPort.equals(serverPort)) {
            // Actuator on a port of its own (the gateway's, which no route reaches): the probes go there.
            probePort = "management";
            Optional<ContainerPort> management = ports(c).stream()
                    .filter(p -> "management".equals(p.getName()))
                    .findFirst();
            if (management.isEmpty() || !Objects.equals(management.get().getContainerPort(), managementPort)) {
                violations.add(
                        where + ": no container port named management on management.server.port " + managementPort);
            }
        }
        checkProbes(w, c, probePort, violations);
        checkResources(w, c, true, violations);
        var sc = c.getSecurityContext();
        var podSc = w.pod().getSecurityContext();
        boolean nonRoot = (sc != null && Boolean.TRUE.equals(sc.getRunAsNonRoot()))
                || (podSc != null && Boolean.TRUE.equals(podSc.getRunAsNonRoot()));
        if (!nonRoot) {
            violations.add(where + ": securityContext.runAsNonRoot is not true");
        }
        if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
            violations.add(where + ": securityContext.allowPrivilegeEscalation is not false");
        }
        if (sc == null || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
            violations.add(where + ": securityContext.readOnlyRootFilesystem is not true");
        }
        if (sc == null
                || sc.getCapabilities() == null
                || sc.getCapabilities().getDrop() == null
                || !sc.getCapabilities().getDrop().contains("ALL")) {
            violations.add(where + ": securityContext.capabilities.drop does not hold ALL");
        }
        boolean tmp = c.getVolumeMounts() != null
                && c.getVolumeMounts().stream()
                        .filter(m -> "/tmp".equals(m.getMountPath()))
                        .anyMatch(m -> volume(w, m.getName())
                                .map(v -> v.getEmptyDir() != null)
                                .orElse(false));
        if (!tmp) {
            violations.add(where + ": /tmp is not an emptyDir (the root file system is read-only)");
        }
        String account = w.pod().getServiceAccountName();
        if (account == null || manifests.find(ServiceAccount.class, account).isEmpty()) {
            violations.add(where + ": service account " + account + " is not in the manifests");
        }
    }

    /** @param actuatorPort the named port actuator's probes must use; null for a workload without actuator */
    private static void checkProbes(Workload w, Container c, String actuatorPort, List<String> violations) {
        Map<String, Probe> probes = new java.util.LinkedHashMap<>();
        probes.put("startupProbe", c.getStartupProbe());
        probes.put("readinessProbe", c.getReadinessProbe());
        probes.put("livenessProbe", c.getLivenessProbe());
        probes.forEach((kind, probe) -> {
            String where = w.describe() + " container " + c.getName() + ": " + kind;
            if (probe == null) {
                violations.add(where + " is missing");
            } else if (actuatorPort != null) {
                String path =
                        probe.getHttpGet() == null ? null : probe.getHttpGet().getPath();
                String expected =
                        kind.equals("readinessProbe") ? "/actuator/health/readiness" : "/actuator/health/liveness";
                if (!expected.equals(path)) {
                    violations.add(where + " is not an HTTP GET of " + expected);
                } else if (probe.getHttpGet().getPort() == null
                        || !actuatorPort.equals(probe.getHttpGet().getPort().getStrVal())) {
                    violations.add(where + " is not on port " + actuatorPort + ", where actuator is");
                }
            }
        });
    }

    private static void checkResources(Workload w, Container c, boolean withCpu, List<String> violations) {
        String where = w.describe() + " container " + c.getName() + ": ";
        var resources = c.getResources();
        Map<String, Quantity> requests = resources == null ? null : resources.getRequests();
        Map<String, Quantity> limits = resources == null ? null : resources.getLimits();
        if (requests == null || !requests.containsKey("memory") || (withCpu && !requests.containsKey("cpu"))) {
            violations.add(where + "resources.requests needs " + (withCpu ? "cpu and memory" : "memory"));
        }
        if (limits == null || !limits.containsKey("memory")) {
            violations.add(where + "resources.limits needs memory");
        } else if (requests != null
                && requests.containsKey("memory")
                && Quantity.getAmountInBytes(limits.get("memory"))
                                .compareTo(Quantity.getAmountInBytes(requests.get("memory")))
                        < 0) {
            violations.add(where + "the memory limit is below the request");
        }
    }

    /** Every Service selects a workload's pods, on ports those pods have. */
    private static void checkServices(Manifests manifests, List<Workload> workloads, List<String> violations) {
        for (Service service : manifests.all(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            Optional<Workload> selected = selector == null
                    ? Optional.empty()
                    : workloads.stream()
                            .filter(w -> labels(w.template()).entrySet().containsAll(selector.entrySet()))
                            .findFirst();
            if (selected.isEmpty()) {
                violations.add("Service/" + service.getMetadata().getName() + " selects no workload");
                continue;
            }
            List<ContainerPort> ports = selected.get().pod().getContainers().stream()
                    .flatMap(c -> ports(c).stream())
                    .toList();
            for (ServicePort port : service.getSpec().getPorts()) {
                var target = port.getTargetPort();
                boolean found = target == null
                        ? ports.stream().anyMatch(p -> Objects.equals(p.getContainerPort(), port.getPort()))
                        : target.getStrVal() != null
                                ? ports.stream()
                                        .anyMatch(p -> target.getStrVal().equals(p.getName()))
                                : ports.stream()
                                        .anyMatch(p -> Objects.equals(p.getContainerPort(), target.getIntVal()));
                if (!found) {
                    violations.add("Service/" + service.getMetadata().getName() + ": port " + port.getName()
                            + " targets no container port of " + selected.get().describe());
                }
            }
        }
    }

    /** Secrets are never in the manifests; each one referenced must be documented, with the key used. */
    private void checkSecrets(Manifests manifests, List<String> violations) {
        for (SecretReference ref : SecretReference.in(manifests)) {
            Set<String> keys = context.documentedSecrets().get(ref.name());
            if (keys == null) {
                violations.add(ref.where() + ": Secret " + ref.name() + " is not documented in docs/operations.md");
            } else if (ref.key() != null && !keys.contains(ref.key())) {
                violations.add(ref.where() + ": key " + ref.key() + " of Secret " + ref.name()
                        + " is not documented in docs/operations.md");
            }
        }
        manifests.objects().stream()
                .filter(o -> "Secret".equals(o.getKind()))
                .forEach(o -> violations.add("Secret/" + o.getMetadata().getName() + " is in the manifests"));
    }

    private static void checkConfigMaps(Manifests manifests, List<String> violations) {
        Set<String> present = Set.copyOf(manifests.all(ConfigMap.class).stream()
                .map(m -> m.getMetadata().getName())
                .toList());
        List<Workload> all = new ArrayList<>(workloads(manifests));
        manifests
                .all(Job.class)
                .forEach(j -> all.add(new Workload(j, j.getSpec().getTemplate())));
        for (Workload w : all) {
            for (Container c : w.pod().getContainers()) {
                if (c.getEnvFrom() != null) {
                    c.getEnvFrom().stream()
                            .filter(e -> e.getConfigMapRef() != null)
                            .map(e -> e.getConfigMapRef().getName())
                            .filter(n -> !present.contains(n))
                            .forEach(n ->
                                    violations.add(w.describe() + ": ConfigMap " + n + " is not in the manifests"));
                }
                if (c.getEnv() != null) {
                    c.getEnv().stream()
                            .filter(e ->
                                    e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null)
                            .map(e -> e.getValueFrom().getConfigMapKeyRef().getName())
                            .filter(n -> !present.contains(n))
                            .forEach(n ->
                                    violations.add(w.describe() + ": ConfigMap " + n + " is not in the manifests"));
                }
            }
            if (w.pod().getVolumes() != null) {
                w.pod().getVolumes().stream()
                        .filter(v -> v.getConfigMap() != null)
                        .map(v -> v.getConfigMap().getName())
                        .filter(n -> !present.contains(n))
                        .forEach(n -> violations.add(w.describe() + ": ConfigMap " + n + " is not in the manifests"));
            }
        }
    }

    /** PodDisruptionBudgets, HPAs and the Ingress point at things that exist. */
    private static void checkTargets(Manifests manifests, List<Workload> workloads, List<String> violations) {
        for (PodDisruptionBudget pdb : manifests.all(PodDisruptionBudget.class)) {
            Map<String, String> selector = pdb.getSpec().getSelector().getMatchLabels();
            if (workloads.stream()
                    .noneMatch(w -> labels(w.template()).entrySet().containsAll(selector.entrySet()))) {
                violations.add("PodDisruptionBudget/" + pdb.getMetadata().getName() + " selects no workload");
            }
        }
        for (HorizontalPodAutoscaler hpa : manifests.all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            if (workloads.stream()
                    .noneMatch(w -> w.object().getKind().equals(target.getKind())
                            && w.name().equals(target.getName()))) {
                violations.add("HorizontalPodAutoscaler/" + hpa.getMetadata().getName() + " scales no workload");
            }
        }
        for (Ingress ingress : manifests.all(Ingress.class)) {
            ingress.getSpec().getRules().stream()
                    .flatMap(r -> r.getHttp().getPaths().stream())
                    .map(p -> p.getBackend().getService().getName())
                    .filter(s -> manifests.find(Service.class, s).isEmpty())
                    .forEach(s ->
                            violations.add("Ingress/" + ingress.getMetadata().getName() + ": no Service " + s));
        }
    }

    /** A default deny for the namespace, and a policy of its own for every PlexiChat workload. */
    private static void checkNetworkPolicies(Manifests manifests, List<Workload> workloads, List<String> violations) {
        List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class);
        boolean defaultDeny = policies.stream().anyMatch(p -> {
            var spec = p.getSpec();
            boolean everyPod = spec.getPodSelector() == null
                    || ((spec.getPodSelector().getMatchLabels() == null
                                    || spec.getPodSelector().getMatchLabels().isEmpty())
                            && (spec.getPodSelector().getMatchExpressions() == null
                                    || spec.getPodSelector()
                                            .getMatchExpressions()
                                            .isEmpty()));
            return everyPod
                    && spec.getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                    && (spec.getIngress() == null || spec.getIngress().isEmpty())
                    && (spec.getEgress() == null || spec.getEgress().isEmpty());
        });
        if (!defaultDeny) {
            violations.add("no default-deny NetworkPolicy (every pod, Ingress and Egress, no rules)");
        }
        for (Workload w : workloads) {
            if (!w.plexichat()) {
                continue;
            }
            boolean own = policies.stream().anyMatch(p -> {
                var matchLabels = p.getSpec().getPodSelector().getMatchLabels();
                return matchLabels != null && w.name().equals(matchLabels.get(NAME));
            });
            if (!own) {
                violations.add(w.describe() + ": no NetworkPolicy selects it by " + NAME);
            }
        }
    }

    private static Optional<Volume> volume(Workload w, String name) {
        return w.pod().getVolumes() == null
                ? Optional.empty()
                : w.pod().getVolumes().stream()
                        .filter(v -> name.equals(v.getName()))
                        .findFirst();
    }

    private static List<ContainerPort> ports(Container c) {
        return c.getPorts() == null ? List.of() : c.getPorts();
    }

    static Map<String, String> labels(HasMetadata object) {
        var labels = object.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    static Map<String, String> labels(PodTemplateSpec template) {
        var labels =
                template.getMetadata() == null ? null : template.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    static boolean generic(HasMetadata object) {
        return object instanceof GenericKubernetesResource;
    }
}
