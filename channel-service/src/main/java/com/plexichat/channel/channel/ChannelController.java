package com.plexichat.channel.channel;

import com.plexichat.channel.channel.ChannelService.ChannelResponse;
import com.plexichat.platform.api.ApiException;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/channels")
class ChannelController {

    /** Printable text: control characters (newlines, NUL, ...) have no place in a channel name. */
    private static final String NAME = "[^\\p{Cntrl}]*";

    private static final String NO_CONTROL = "must not contain control characters";

    private final ChannelService channels;

    ChannelController(ChannelService channels) {
        this.channels = channels;
    }

    record CreateChannel(
            @NotNull UUID organizationId,

            @NotBlank @Size(max = 80) @Pattern(regexp = NAME, message = NO_CONTROL)
            String name,

            @NotNull @Pattern(regexp = "public|private|voice", message = "must be public, private or voice")
            String type,

            @Size(max = 250) @Pattern(regexp = NAME, message = NO_CONTROL)
            String topic) {}

    record UpdateChannel(
            @Size(min = 1, max = 80) @Pattern(regexp = NAME, message = NO_CONTROL)
            String name,

            @Size(max = 250) @Pattern(regexp = NAME, message = NO_CONTROL)
            String topic,

            Boolean archived) {}

    @GetMapping
    ApiResponse<List<ChannelResponse>> list(
            @RequestParam(name = "organization_id", required = false) UUID organizationId,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) Boolean archived,
            PageQuery page,
            CurrentUser caller) {
        if (type != null && !List.of("public", "private", "voice").contains(type)) {
            throw ApiException.invalid("type", "must be public, private or voice");
        }
        ChannelService.Page<ChannelResponse> result =
                channels.list(caller, new ChannelFilter(organizationId, type, archived), page);
        return ApiResponse.page(result.items(), result.pagination());
    }

    @PostMapping
    ResponseEntity<ApiResponse<ChannelResponse>> create(@Valid @RequestBody CreateChannel request, CurrentUser caller) {
        ChannelResponse created = channels.create(request, caller);
        return ResponseEntity.created(URI.create("/v1/channels/" + created.id()))
                .body(ApiResponse.ok(created));
    }

    @GetMapping("/{id}")
    ApiResponse<ChannelResponse> get(@PathVariable UUID id, CurrentUser caller) {
        return ApiResponse.ok(channels.get(id, caller));
    }

    @PutMapping("/{id}")
    ApiResponse<ChannelResponse> update(
            @PathVariable UUID id, @Valid @RequestBody UpdateChannel request, CurrentUser caller) {
        return ApiResponse.ok(channels.update(id, request, caller));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, CurrentUser caller) {
        channels.delete(id, caller);
        return ResponseEntity.noContent().build();
    }
}
