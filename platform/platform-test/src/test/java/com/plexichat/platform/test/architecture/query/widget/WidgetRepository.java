package com.plexichat.platform.test.architecture.query.widget;

/** A fixture: a repository with a query type of its own. */
class WidgetRepository {

    record Query(String name) {}

    long count(Query query) {
        return query.name().length();
    }
}
