package com.plexichat.user;

import com.plexichat.platform.test.IntegrationTest;
import com.plexichat.platform.test.ServiceContractIT;

@IntegrationTest
class UserServiceIT extends ServiceContractIT {}
