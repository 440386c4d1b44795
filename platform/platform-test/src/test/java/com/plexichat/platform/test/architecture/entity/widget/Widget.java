package com.plexichat.platform.test.architecture.entity.widget;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A fixture: a JPA entity, a row even though no repository encloses it. */
@Entity
class Widget {

    @Id
    private long id;

    long getId() {
        return id;
    }
}
