package com.plexichat.call.voice;

import com.plexichat.call.room.ParticipantResponse;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.security.CurrentUser;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/channels/{channelId}/voice")
class VoiceController {

    private final VoiceService voice;

    VoiceController(VoiceService voice) {
        this.voice = voice;
    }

    /** 201 for a new stay, 200 when the caller was in the channel's voice already (the same session). */
    @PostMapping("/join")
    ResponseEntity<ApiResponse<VoiceRecords.VoiceJoinResponse>> join(@PathVariable UUID channelId, CurrentUser caller) {
        VoiceService.Joined joined = voice.join(channelId, caller.id());
        return ResponseEntity.status(joined.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ApiResponse.ok(joined.response()));
    }

    @DeleteMapping("/leave")
    ResponseEntity<Void> leave(@PathVariable UUID channelId, CurrentUser caller) {
        voice.leave(channelId, caller.id());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/participants")
    ApiResponse<List<ParticipantResponse>> participants(@PathVariable UUID channelId, CurrentUser caller) {
        return ApiResponse.ok(voice.participants(channelId, caller.id()));
    }
}
