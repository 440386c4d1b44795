package com.plexichat.file;

import com.plexichat.platform.test.IntegrationTest;
import com.plexichat.platform.test.ServiceContractIT;

@IntegrationTest
class FileServiceIT extends ServiceContractIT {}
