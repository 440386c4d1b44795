package com.plexichat.channel;

import com.plexichat.platform.test.IntegrationTest;
import com.plexichat.platform.test.ServiceContractIT;

@IntegrationTest
class ChannelServiceIT extends ServiceContractIT {}
