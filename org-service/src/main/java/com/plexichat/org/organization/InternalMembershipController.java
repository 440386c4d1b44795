package com.plexichat.org.organization;

import com.plexichat.platform.api.ApiResponse;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Is user U in organization O, with which role", for a service whose replica of org events has not seen the
 * member yet (channel-service, when a channel is made in an organization created a moment ago). Service
 * credentials only (the realm role {@code service}); the gateway routes only {@code /v1}, so clients never reach it.
 */
@RestController
class InternalMembershipController {

    private final OrganizationService organizations;

    InternalMembershipController(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @GetMapping("/internal/organizations/{id}/members/{userId}")
    ApiResponse<OrganizationService.MembershipResponse> member(@PathVariable UUID id, @PathVariable UUID userId) {
        return ApiResponse.ok(organizations.memberOf(id, userId));
    }
}
