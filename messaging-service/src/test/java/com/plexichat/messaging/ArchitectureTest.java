package com.plexichat.messaging;

import com.plexichat.platform.test.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void keepsTheServiceDependencyRules() {
        ServiceArchitecture.verify(MessagingApplication.class);
    }
}
