package io.paymenthub.channel;

import java.util.List;

import io.paymenthub.core.step.Emit;

/**
 * What the channel API answers (HTTP status and body, JSON but for a batch's CSV report, the same over REST and JMS) and the
 * messages the operation leads to, sent once the answer is recorded.
 */
public record ChannelResponse(int status, String body, List<Emit> emits, String contentType) {

    public static final String JSON = "application/json";

    public ChannelResponse(int status, String body, List<Emit> emits) {
        this(status, body, emits, JSON);
    }

    public static ChannelResponse of(int status, String body) {
        return new ChannelResponse(status, body, List.of());
    }

    public static ChannelResponse error(ChannelException e) {
        return of(e.httpStatus(), e.toJson());
    }
}
