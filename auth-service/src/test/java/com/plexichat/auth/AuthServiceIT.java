package com.plexichat.auth;

import com.plexichat.platform.test.IntegrationTest;
import com.plexichat.platform.test.ServiceContractIT;

@IntegrationTest
class AuthServiceIT extends ServiceContractIT {}
