package com.plexichat.org.organization;

import java.time.Instant;
import java.util.UUID;

/** An organization as the API shows it. */
record OrganizationResponse(
        UUID id, String name, String slug, String description, UUID ownerId, long memberCount, Instant createdAt) {

    static OrganizationResponse of(OrganizationRepository.Organization row) {
        return new OrganizationResponse(
                row.id(), row.name(), row.slug(), row.description(), row.ownerId(), row.memberCount(), row.createdAt());
    }
}
