package com.plexichat.admin;

import com.plexichat.platform.test.IntegrationTest;
import com.plexichat.platform.test.ServiceContractIT;

@IntegrationTest
class AdminServiceIT extends ServiceContractIT {}
