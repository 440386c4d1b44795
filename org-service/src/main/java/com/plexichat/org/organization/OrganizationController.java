package com.plexichat.org.organization;

import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/organizations")
class OrganizationController {

    private static final String SLUG = "[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?";

    private final OrganizationService organizations;

    OrganizationController(OrganizationService organizations) {
        this.organizations = organizations;
    }

    record CreateOrganization(
            @NotBlank @Size(max = 100) String name,

            @NotNull
            @Pattern(regexp = SLUG, message = "must be 1-64 of a-z, 0-9 and '-', not starting or ending with '-'")
            String slug,

            @Size(max = 1000) String description) {}

    record UpdateOrganization(
            @Size(min = 1, max = 100) String name,

            @Pattern(regexp = SLUG, message = "must be 1-64 of a-z, 0-9 and '-', not starting or ending with '-'")
            String slug,

            @Size(max = 1000) String description) {}

    record AddMember(
            @NotNull UUID userId,

            @NotNull @Pattern(regexp = "owner|admin|member|guest", message = "must be owner, admin, member or guest")
            String role) {}

    @GetMapping
    ApiResponse<List<OrganizationResponse>> mine(PageQuery page, CurrentUser caller) {
        OrganizationService.Page<OrganizationResponse> result = organizations.mine(caller, page);
        return ApiResponse.page(result.items(), result.pagination());
    }

    @PostMapping
    ResponseEntity<ApiResponse<OrganizationResponse>> create(
            @Valid @RequestBody CreateOrganization request, CurrentUser caller) {
        OrganizationResponse created = organizations.create(request, caller);
        return ResponseEntity.created(URI.create("/v1/organizations/" + created.id()))
                .body(ApiResponse.ok(created));
    }

    @GetMapping("/{id}")
    ApiResponse<OrganizationResponse> get(@PathVariable UUID id, CurrentUser caller) {
        return ApiResponse.ok(organizations.get(id, caller));
    }

    @PutMapping("/{id}")
    ApiResponse<OrganizationResponse> update(
            @PathVariable UUID id, @Valid @RequestBody UpdateOrganization request, CurrentUser caller) {
        return ApiResponse.ok(organizations.update(id, request, caller));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, CurrentUser caller) {
        organizations.delete(id, caller);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/members")
    ApiResponse<List<MemberResponse>> members(@PathVariable UUID id, PageQuery page, CurrentUser caller) {
        OrganizationService.Page<MemberResponse> result = organizations.members(id, caller, page);
        return ApiResponse.page(result.items(), result.pagination());
    }

    @GetMapping("/{id}/members/{userId}")
    ApiResponse<MemberResponse> member(@PathVariable UUID id, @PathVariable UUID userId, CurrentUser caller) {
        return ApiResponse.ok(organizations.member(id, userId, caller));
    }

    @PostMapping("/{id}/members")
    ResponseEntity<ApiResponse<MemberResponse>> addMember(
            @PathVariable UUID id, @Valid @RequestBody AddMember request, CurrentUser caller) {
        MemberResponse member = organizations.addMember(id, request, caller);
        return ResponseEntity.created(URI.create("/v1/organizations/" + id + "/members/" + member.userId()))
                .body(ApiResponse.ok(member));
    }

    @DeleteMapping("/{id}/members/{userId}")
    ResponseEntity<Void> removeMember(@PathVariable UUID id, @PathVariable UUID userId, CurrentUser caller) {
        organizations.removeMember(id, userId, caller);
        return ResponseEntity.noContent().build();
    }
}
