package com.plexichat.devstack.launcher;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every port of the local stack: a default, shifted by {@code PLEXICHAT_PORT_OFFSET}, unless {@code
 * PLEXICHAT_PORT_<NAME>} sets it outright (NAME upper-case, dashes as underscores).
 */
record PortPlan(Map<String, Integer> ports) {

    static final Map<String, Integer> DEFAULTS = defaults();

    PortPlan {
        ports = Map.copyOf(ports);
    }

    static PortPlan from(Map<String, String> env) {
        int offset = parse(env, "PLEXICHAT_PORT_OFFSET", 0);
        var ports = new LinkedHashMap<String, Integer>();
        DEFAULTS.forEach((name, port) -> {
            int value = env.containsKey(variable(name)) ? parse(env, variable(name), 0) : port + offset;
            if (value <= 0 || value > 65535) {
                throw new IllegalArgumentException("port of " + name + " out of range: " + value);
            }
            ports.put(name, value);
        });
        return new PortPlan(ports);
    }

    static String variable(String name) {
        return "PLEXICHAT_PORT_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    int port(String name) {
        Integer port = ports.get(name);
        if (port == null) {
            throw new IllegalArgumentException("no port named " + name);
        }
        return port;
    }

    private static int parse(Map<String, String> env, String key, int fallback) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: " + value);
        }
    }

    private static Map<String, Integer> defaults() {
        var ports = new LinkedHashMap<String, Integer>();
        ports.put("infra", 18099);
        ports.put("postgres", 15432);
        ports.put("kafka", 19092);
        ports.put("kafka-controller", 19093);
        ports.put("smtp", 13025);
        ports.put("imap", 13143);
        ports.put("keycloak", 18080);
        ports.put("s3", 18333);
        ports.put("discovery-server", 8761);
        ports.put("config-server", 8888);
        int port = 8081;
        for (String service : Component.SERVICES) {
            ports.put(service, port++);
        }
        ports.put("gateway", 8080);
        // The gateway's actuator: a port no route reaches.
        ports.put("gateway-management", 8079);
        return ports;
    }
}
