package io.paymenthub.fspiop;

import java.util.Objects;

/** FSPIOP {@code Extension}: one key/value pair of an extension list. */
public record Extension(String key, String value) {

    public Extension {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
