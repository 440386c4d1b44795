package com.plexichat.platform.test.architecture.sound.widget;

/** A fixture: the same feature, kept as the rules want it. */
class WidgetRepository {

    record Widget(long id, String name) {}

    Widget find(long id) {
        return new Widget(id, "widget");
    }
}
