package com.plexichat.user;

import com.plexichat.platform.test.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void keepsTheServiceDependencyRules() {
        ServiceArchitecture.verify(UserApplication.class);
    }
}
