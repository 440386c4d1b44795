package com.plexichat.platform.test.architecture.cyclic.b;

import com.plexichat.platform.test.architecture.cyclic.a.Alpha;

public class Beta {

    public Alpha alpha() {
        return new Alpha();
    }
}
