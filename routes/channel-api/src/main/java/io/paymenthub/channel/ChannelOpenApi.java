package io.paymenthub.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The OpenAPI document of the channel API, shipped in this bundle and served at {@code /channel/openapi.json}. */
public final class ChannelOpenApi {

    private static final String RESOURCE = "/channel-openapi.json";

    private ChannelOpenApi() {
    }

    public static String document() {
        try (InputStream in = ChannelOpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the channel API bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
