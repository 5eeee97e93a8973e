package io.paymenthub.fineract.simulator.seed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads seeds from files, the classpath or strings; unknown fields are errors so that typos do not pass silently. */
public final class SeedLoader {

    /** The example seed shipped in the jar: tenants dfsp1 and dfsp2. */
    public static final String LAB_SEED_RESOURCE = "/seed/lab-seed.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SeedLoader() {
    }

    public static Seed fromFile(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return MAPPER.readValue(in, Seed.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read seed " + path, e);
        }
    }

    public static Seed fromClasspath(String resource) {
        try (InputStream in = SeedLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No seed resource " + resource);
            }
            return MAPPER.readValue(in, Seed.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read seed " + resource, e);
        }
    }

    public static Seed labSeed() {
        return fromClasspath(LAB_SEED_RESOURCE);
    }

    public static Seed fromJson(String json) {
        try {
            return MAPPER.readValue(json, Seed.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid seed: " + e.getOriginalMessage(), e);
        }
    }

    public static Seed.TenantSeed tenantFromJson(String json) {
        try {
            return MAPPER.readValue(json, Seed.TenantSeed.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid tenant seed: " + e.getOriginalMessage(), e);
        }
    }

    public static String toJson(Object seed) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
