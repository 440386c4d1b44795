package com.plexichat.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.yaml.snakeyaml.Yaml;

/**
 * Rendered manifests, each as its fabric8 model type. Kinds fabric8 knows are parsed strictly: a field the model
 * does not have (a typo, a wrong level, a field of a newer API) is an error, where the API server would drop it
 * silently. Custom resources (operators' kinds) stay generic.
 */
record Manifests(List<HasMetadata> objects, List<String> unknownFields) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Manifests parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (!(document instanceof Map<?, ?> map)) {
                continue;
            }
            KubernetesResource resource = SERIALIZATION.convertValue(map, KubernetesResource.class);
            if (!(resource instanceof HasMetadata object)) {
                throw new AssertionError("not a Kubernetes object: " + map.get("kind"));
            }
            objects.add(object);
            if (!(object instanceof GenericKubernetesResource)) {
                StrictFields.unknown(
                        object, object.getKind() + "/" + object.getMetadata().getName(), unknown);
            }
        }
        return new Manifests(List.copyOf(objects), List.copyOf(unknown));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream()
                .filter(r -> kind.equals(r.getKind()))
                .toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(named(name)).findFirst();
    }

    /** Kinds parsed generically (no model here), e.g. {@code postgresql.cnpg.io/v1 Cluster}. */
    List<String> genericKinds() {
        return all(GenericKubernetesResource.class).stream()
                .map(r -> r.getApiVersion() + " " + r.getKind())
                .distinct()
                .sorted()
                .toList();
    }

    static Predicate<HasMetadata> named(String name) {
        return o -> name.equals(o.getMetadata().getName());
    }
}
