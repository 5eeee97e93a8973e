package io.paymenthub.fspiop;

import java.util.List;

/** FSPIOP {@code ExtensionList}: serialised as {@code {"extension":[{"key":..,"value":..}]}}. */
public record ExtensionList(List<Extension> extension) {

    public ExtensionList {
        extension = extension == null ? List.of() : List.copyOf(extension);
    }

    public static ExtensionList of(Extension... extensions) {
        return new ExtensionList(List.of(extensions));
    }
}
