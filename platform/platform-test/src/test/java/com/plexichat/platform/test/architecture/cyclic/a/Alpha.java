package com.plexichat.platform.test.architecture.cyclic.a;

import com.plexichat.platform.test.architecture.cyclic.b.Beta;

public class Alpha {

    public Beta beta() {
        return new Beta();
    }
}
