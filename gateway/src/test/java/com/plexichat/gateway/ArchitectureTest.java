package com.plexichat.gateway;

import com.plexichat.platform.test.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void keepsTheServiceDependencyRules() {
        ServiceArchitecture.verify(GatewayApplication.class);
    }
}
