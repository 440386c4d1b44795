package com.plexichat.platform.test.architecture.cyclic;

import org.springframework.modulith.Modulithic;

/** A fixture: a service whose two features depend on each other. */
@Modulithic
public class CyclicApplication {}
