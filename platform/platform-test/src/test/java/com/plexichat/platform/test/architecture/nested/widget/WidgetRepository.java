package com.plexichat.platform.test.architecture.nested.widget;

/** A fixture: a repository whose row hides inside a response record. */
class WidgetRepository {

    record Part(String name) {}

    Part part() {
        return new Part("bolt");
    }
}
