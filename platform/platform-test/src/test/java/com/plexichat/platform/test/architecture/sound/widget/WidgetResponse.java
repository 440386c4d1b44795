package com.plexichat.platform.test.architecture.sound.widget;

public record WidgetResponse(long id, String name) {}
