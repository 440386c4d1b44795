package com.plexichat.call;

import com.plexichat.platform.test.IntegrationTest;
import com.plexichat.platform.test.ServiceContractIT;

@IntegrationTest
class CallServiceIT extends ServiceContractIT {}
