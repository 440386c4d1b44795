package com.plexichat.org.organization;

import java.time.Instant;
import java.util.UUID;

/** An organization as the API shows it. */
record OrganizationResponse(
        UUID id, String name, String slug, String description, UUID ownerId, long memberCount, Instant createdAt) {

    static OrganizationResponse of(OrganizationRepository.Counted counted) {
        Organization row = counted.organization();
        return new OrganizationResponse(
                row.getId(),
                row.name(),
                row.slug(),
                row.description(),
                row.ownerId(),
                counted.memberCount(),
                row.createdAt());
    }
}
