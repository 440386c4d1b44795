package com.plexichat.gateway.health;

import java.util.List;

/** What {@code GET /v1/health} works out (and keeps to itself): each expected service, its instances, their readiness. */
record SystemHealth(String status, List<ServiceHealth> services) {

    record ServiceHealth(String name, String status, List<InstanceHealth> instances) {}

    record InstanceHealth(String instanceId, String uri, String status) {}

    static final String UP = "UP";
    static final String DOWN = "DOWN";
}
