package io.paymenthub.fineract.simulator.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer: status, JSON text and extra headers. */
public record Reply(int status, String body, Map<String, String> headers) {

    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply json(int status, Object body) {
        return new Reply(status, body instanceof String text ? text : Json.write(body), Map.of());
    }

    public static Reply ok(Object body) {
        return json(200, body);
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, body, more);
    }
}
