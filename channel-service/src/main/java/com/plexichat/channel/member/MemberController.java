package com.plexichat.channel.member;

import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/channels/{id}/members")
class MemberController {

    private final MemberService members;

    MemberController(MemberService members) {
        this.members = members;
    }

    record AddMember(
            @NotNull UUID userId,

            @Pattern(regexp = "admin|member", message = "must be admin or member")
            String role) {}

    @GetMapping
    ApiResponse<List<MemberResponse>> members(@PathVariable UUID id, PageQuery page, CurrentUser caller) {
        MemberService.Page result = members.members(id, caller, page);
        return ApiResponse.page(result.items(), result.pagination());
    }

    @PostMapping
    ResponseEntity<ApiResponse<MemberResponse>> addMember(
            @PathVariable UUID id, @Valid @RequestBody AddMember request, CurrentUser caller) {
        MemberResponse member = members.addMember(id, request, caller);
        return ResponseEntity.created(URI.create("/v1/channels/" + id + "/members/" + member.userId()))
                .body(ApiResponse.ok(member));
    }

    @DeleteMapping("/{userId}")
    ResponseEntity<Void> removeMember(@PathVariable UUID id, @PathVariable UUID userId, CurrentUser caller) {
        members.removeMember(id, userId, caller);
        return ResponseEntity.noContent().build();
    }
}
