package com.plexichat.platform.test.architecture.leaky.widget;

/** A fixture: a repository with its row, as every feature has. */
class WidgetRepository {

    record Widget(long id, String name) {}

    Widget find(long id) {
        return new Widget(id, "widget");
    }
}
