package com.plexichat.messaging.realtime;

import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Server frames: {@code {"type", "seq", "conversation_id", "data"}} ({@code seq} where it applies). */
final class Frames {

    private Frames() {}

    static String json(JsonMapper mapper, String type, UUID conversation, Long seq, JsonNode data) {
        ObjectNode frame = mapper.createObjectNode();
        frame.put("type", type);
        if (seq != null) {
            frame.put("seq", seq);
        }
        if (conversation != null) {
            frame.put("conversation_id", conversation.toString());
        }
        frame.set("data", data);
        return mapper.writeValueAsString(frame);
    }

    static String error(JsonMapper mapper, String code, String message) {
        ObjectNode frame = mapper.createObjectNode();
        frame.put("type", "error");
        ObjectNode data = frame.putObject("data");
        data.put("code", code);
        data.put("message", message);
        return mapper.writeValueAsString(frame);
    }
}
