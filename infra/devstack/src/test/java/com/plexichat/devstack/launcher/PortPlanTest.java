package com.plexichat.devstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PortPlanTest {

    @Test
    void defaultsShiftedByTheOffsetUnlessOverridden() {
        var plan = PortPlan.from(Map.of(
                "PLEXICHAT_PORT_OFFSET", "1000",
                "PLEXICHAT_PORT_GATEWAY", "9999",
                "PLEXICHAT_PORT_KAFKA_CONTROLLER", "29093"));

        assertThat(plan.port("infra")).isEqualTo(19099);
        assertThat(plan.port("auth-service")).isEqualTo(9081);
        assertThat(plan.port("admin-service")).isEqualTo(9088);
        assertThat(plan.port("gateway")).isEqualTo(9999);
        assertThat(plan.port("kafka-controller")).isEqualTo(29093);
        assertThat(PortPlan.from(Map.of()).port("keycloak")).isEqualTo(18080);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> PortPlan.from(Map.of("PLEXICHAT_PORT_OFFSET", "lots")))
                .hasMessageContaining("PLEXICHAT_PORT_OFFSET");
        assertThatThrownBy(() -> PortPlan.from(Map.of("PLEXICHAT_PORT_OFFSET", "60000")))
                .hasMessageContaining("out of range");
    }
}
