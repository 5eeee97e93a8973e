package io.paymenthub.channel;

import java.io.InputStream;
import java.util.List;

import io.paymenthub.core.step.Emit;

/**
 * What the channel API answers (HTTP status and body, JSON but for a batch's CSV report, the same over REST and JMS) and the
 * messages the operation leads to, sent once the answer is recorded.
 *
 * @param stream a body read while it is sent (a batch's report), or null: the body is {@code body}
 */
public record ChannelResponse(int status, String body, List<Emit> emits, String contentType, InputStream stream) {

    public static final String JSON = "application/json";

    public ChannelResponse(int status, String body, List<Emit> emits) {
        this(status, body, emits, JSON, null);
    }

    /** A body too large to hold: streamed over REST, read whole for a JMS answer. */
    public static ChannelResponse streamed(int status, String contentType, InputStream stream) {
        return new ChannelResponse(status, null, List.of(), contentType, stream);
    }

    public static ChannelResponse of(int status, String body) {
        return new ChannelResponse(status, body, List.of());
    }

    public static ChannelResponse error(ChannelException e) {
        return of(e.httpStatus(), e.toJson());
    }
}
