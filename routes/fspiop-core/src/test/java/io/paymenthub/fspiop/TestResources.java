package io.paymenthub.fspiop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The committed JSON the node scripts under src/test/node generated from the Mojaloop packages. */
public final class TestResources {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private TestResources() {
    }

    public static JsonNode json(String resource) {
        try (InputStream in = TestResources.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode ilpVectors() {
        return json("ilp-vectors.json");
    }

    public static JsonNode fspiopTables() {
        return json("fspiop-tables.json");
    }
}
