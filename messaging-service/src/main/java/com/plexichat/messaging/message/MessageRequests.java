package com.plexichat.messaging.message;

import com.plexichat.messaging.message.MessageService.Listing;
import com.plexichat.messaging.message.MessageService.MessageResponse;
import com.plexichat.messaging.message.MessageService.Sent;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.PageQuery;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;

/** What the message endpoints of channels, DMs and threads share: the send body and the answers. */
public final class MessageRequests {

    private MessageRequests() {}

    /** The send body; content is checked by the service (1..4000 characters, counted as code points). */
    public record SendBody(
            String content,

            @Size(max = MessageService.MAX_ATTACHMENTS) List<UUID> attachments,

            UUID threadRootId,

            @Size(min = 1, max = 64)
            @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "must be 1-64 of A-Z, a-z, 0-9, '.', '_', ':' and '-'")
            String clientMsgId) {

        public MessageService.SendMessage toMessage() {
            return new MessageService.SendMessage(content, attachments, threadRootId, clientMsgId);
        }
    }

    /** 201 with Location for a new message; 200 with the first one for a repeated {@code client_msg_id}. */
    public static ResponseEntity<ApiResponse<MessageResponse>> sent(Sent sent) {
        if (!sent.created()) {
            return ResponseEntity.ok(ApiResponse.ok(sent.message()));
        }
        return ResponseEntity.created(
                        URI.create("/v1/messages/" + sent.message().id()))
                .body(ApiResponse.ok(sent.message()));
    }

    public static ApiResponse<List<MessageResponse>> listed(Listing listing) {
        return listing.page() != null
                ? ApiResponse.page(listing.items(), listing.page())
                : ApiResponse.cursor(listing.items(), listing.cursor());
    }

    /** The page form when {@code page} or {@code per_page} is given, otherwise cursors (never both). */
    public static PageQuery pageForm(Integer page, Integer perPage, boolean cursorGiven) {
        if (page == null && perPage == null) {
            return null;
        }
        if (cursorGiven) {
            throw ApiException.invalid("page", "use either page/per_page or before/after/after_seq");
        }
        return PageQuery.of(page, perPage);
    }
}
