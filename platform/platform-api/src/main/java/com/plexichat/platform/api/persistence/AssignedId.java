package com.plexichat.platform.api.persistence;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * An entity whose id the service makes itself (a random UUID, or the composite of a membership). Spring Data takes
 * an entity with an id for a stored one and merges it, a select before every insert; this tells new from stored, so
 * saving a new row is one insert.
 */
@MappedSuperclass
public abstract class AssignedId<ID> implements Persistable<ID> {

    @Transient
    private boolean stored;

    @Override
    public boolean isNew() {
        return !stored;
    }

    @PostLoad
    @PostPersist
    protected void markStored() {
        stored = true;
    }
}
