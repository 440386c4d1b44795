package com.plexichat.org;

import com.plexichat.platform.test.IntegrationTest;
import com.plexichat.platform.test.ServiceContractIT;

@IntegrationTest
class OrgServiceIT extends ServiceContractIT {}
