package com.plexichat.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Secret a manifest uses; {@code key} is null where the whole Secret is used. */
record SecretReference(String where, String name, String key) {

    static List<SecretReference> in(Manifests manifests) {
        List<SecretReference> refs = new ArrayList<>();
        for (var w : ManifestPolicy.workloads(manifests)) {
            inPod(w.describe(), w.pod(), refs);
        }
        for (Job job : manifests.all(Job.class)) {
            inPod(
                    "Job/" + job.getMetadata().getName(),
                    job.getSpec().getTemplate().getSpec(),
                    refs);
        }
        for (Ingress ingress : manifests.all(Ingress.class)) {
            if (ingress.getSpec().getTls() != null) {
                ingress.getSpec()
                        .getTls()
                        .forEach(tls -> refs.add(new SecretReference(
                                "Ingress/" + ingress.getMetadata().getName(), tls.getSecretName(), null)));
            }
        }
        for (GenericKubernetesResource resource : manifests.all(GenericKubernetesResource.class)) {
            inCustom(
                    resource.getKind() + "/" + resource.getMetadata().getName(),
                    resource.getAdditionalProperties(),
                    refs);
        }
        return refs;
    }

    private static void inPod(String where, PodSpec pod, List<SecretReference> refs) {
        List<Container> containers = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            containers.addAll(pod.getInitContainers());
        }
        for (Container c : containers) {
            if (c.getEnv() != null) {
                c.getEnv().stream()
                        .filter(e ->
                                e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                        .map(e -> e.getValueFrom().getSecretKeyRef())
                        .forEach(s -> refs.add(new SecretReference(where, s.getName(), s.getKey())));
            }
            if (c.getEnvFrom() != null) {
                c.getEnvFrom().stream()
                        .filter(e -> e.getSecretRef() != null)
                        .forEach(e -> refs.add(
                                new SecretReference(where, e.getSecretRef().getName(), null)));
            }
        }
        if (pod.getVolumes() != null) {
            pod.getVolumes().stream()
                    .filter(v -> v.getSecret() != null)
                    .forEach(v ->
                            refs.add(new SecretReference(where, v.getSecret().getSecretName(), null)));
        }
    }

    /** Operators' resources name Secrets as {@code <something>Secret: {name, key}} or {@code secret: {name, key}}. */
    private static void inCustom(String where, Object value, List<SecretReference> refs) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String field = String.valueOf(k);
                if (field.toLowerCase().endsWith("secret") && v instanceof Map<?, ?> ref && ref.get("name") != null) {
                    Object key = ref.get("key");
                    refs.add(new SecretReference(
                            where, String.valueOf(ref.get("name")), key == null ? null : key.toString()));
                } else if (field.equals("secretName") && v instanceof String name) {
                    refs.add(new SecretReference(where, name, null));
                } else {
                    inCustom(where, v, refs);
                }
            });
        } else if (value instanceof List<?> list) {
            list.forEach(item -> inCustom(where, item, refs));
        }
    }
}
