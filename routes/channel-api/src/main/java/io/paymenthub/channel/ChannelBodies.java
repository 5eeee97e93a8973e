package io.paymenthub.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading the small JSON bodies of the channel API's answers and decisions, with the channel API's errors. */
final class ChannelBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChannelBodies() {
    }

    /** The body as JSON; 400 {@code MALFORMED_JSON} when it is not. */
    static JsonNode json(String body) {
        try {
            JsonNode json = JSON.readTree(body == null ? "" : body);
            return json == null ? JSON.missingNode() : json;
        } catch (JsonProcessingException e) {
            throw new ChannelException(400, "MALFORMED_JSON", "The body is not JSON: " + e.getOriginalMessage());
        }
    }

    /** A yes or no of the body ({@code {"accept":true}}); 400 {@code VALIDATION}, saying what is expected, otherwise. */
    static boolean decision(JsonNode json, String member, String expected) {
        if (!json.path(member).isBoolean()) {
            throw new ChannelException(400, "VALIDATION", "The body must be " + expected);
        }
        return json.get(member).asBoolean();
    }
}
