package com.plexichat.call.call;

import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.security.CurrentUser;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/calls")
class CallController {

    private final CallService calls;

    CallController(CallService calls) {
        this.calls = calls;
    }

    @PostMapping
    ResponseEntity<ApiResponse<CallRecords.CallJoinResponse>> start(
            @RequestBody CallRecords.StartCall request, CurrentUser caller) {
        CallRecords.CallJoinResponse started = calls.start(request, caller.id());
        return ResponseEntity.created(URI.create("/v1/calls/" + started.call().id()))
                .body(ApiResponse.ok(started));
    }

    @GetMapping
    ApiResponse<List<CallRecords.CallResponse>> list(
            @RequestParam(name = "conversation_id", required = false) UUID conversationId,
            @RequestParam(required = false) String status,
            PageQuery page,
            CurrentUser caller) {
        CallService.Page result = calls.list(conversationId, status, caller.id(), page);
        return ApiResponse.page(result.items(), result.pagination());
    }

    @GetMapping("/{id}")
    ApiResponse<CallRecords.CallResponse> get(@PathVariable UUID id, CurrentUser caller) {
        return ApiResponse.ok(calls.get(id, caller.id()));
    }

    @PostMapping("/{id}/join")
    ApiResponse<CallRecords.CallJoinResponse> join(@PathVariable UUID id, CurrentUser caller) {
        return ApiResponse.ok(calls.join(id, caller.id()));
    }

    @DeleteMapping("/{id}/leave")
    ResponseEntity<Void> leave(@PathVariable UUID id, CurrentUser caller) {
        calls.leave(id, caller.id());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/decline")
    ApiResponse<CallRecords.CallResponse> decline(@PathVariable UUID id, CurrentUser caller) {
        return ApiResponse.ok(calls.decline(id, caller.id()));
    }
}
