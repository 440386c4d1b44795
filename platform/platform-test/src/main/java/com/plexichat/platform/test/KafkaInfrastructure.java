package com.plexichat.platform.test;

/** A real Kafka broker for tests, which a test may take down and bring back. */
public interface KafkaInfrastructure {

    String bootstrapServers();

    /** Makes the broker unreachable (clients see an outage, not a clean shutdown of their data). */
    void stopBroker();

    /** Brings the broker back on the same address with the same data. */
    void startBroker();
}
