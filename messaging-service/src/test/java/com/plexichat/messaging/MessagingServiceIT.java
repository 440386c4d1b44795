package com.plexichat.messaging;

import com.plexichat.platform.test.IntegrationTest;
import com.plexichat.platform.test.ServiceContractIT;

@IntegrationTest
class MessagingServiceIT extends ServiceContractIT {}
