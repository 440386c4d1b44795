package com.plexichat.platform.api;

/**
 * Health probes and Prometheus metrics on every process, also when it runs without the config
 * server (tests, a config-server outage): operators must never lose them.
 */
class ApiDefaults extends DefaultProperties {

    ApiDefaults() {
        super("plexichatApiDefaults", "plexichat-api-defaults.properties");
    }
}
