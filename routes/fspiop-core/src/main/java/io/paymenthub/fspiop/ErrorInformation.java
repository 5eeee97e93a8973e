package io.paymenthub.fspiop;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * FSPIOP {@code ErrorInformation}, the body of every {@code PUT .../error} callback once wrapped:
 * {@code {"errorInformation":{"errorCode":"3204","errorDescription":"Party not found"}}}
 * (see {@link #toJson()}). The code stays a string so that codes this hub does not know still pass.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"errorCode", "errorDescription", "extensionList"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorInformation(String errorCode, String errorDescription, ExtensionList extensionList) {

    /** The specification's limit on {@code errorDescription}; the Testing Toolkit rejects longer ones. */
    public static final int MAX_DESCRIPTION_LENGTH = 128;

    private static final Pattern CODE = Pattern.compile("[1-9]\\d{3}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ErrorInformation {
        if (errorCode == null || !CODE.matcher(errorCode).matches()) {
            throw new IllegalArgumentException("errorCode must be four digits without a leading zero: " + errorCode);
        }
        if (errorDescription == null || errorDescription.isEmpty()) {
            throw new IllegalArgumentException("errorDescription is mandatory");
        }
    }

    /** The code with its specification description. */
    public static ErrorInformation of(FspiopErrorCode code) {
        return new ErrorInformation(code.code(), code.description(), null);
    }

    /**
     * The code with {@code "<description> - <detail>"}, cut to 128 characters, as Mojaloop's
     * error factory builds it; a blank detail gives the bare description.
     */
    public static ErrorInformation of(FspiopErrorCode code, String detail) {
        if (detail == null || detail.isBlank()) {
            return of(code);
        }
        return new ErrorInformation(code.code(), truncate(code.description() + " - " + detail), null);
    }

    /** 3001 listing the supported versions as Mojaloop does: one extension per version, key major, value minor. */
    public static ErrorInformation unacceptableVersion(String detail) {
        ExtensionList versions = new ExtensionList(FspiopVersion.SUPPORTED.stream()
                .map(v -> new Extension(Integer.toString(v.major()), Integer.toString(v.minor())))
                .toList());
        return of(FspiopErrorCode.UNACCEPTABLE_VERSION, detail).withExtensionList(versions);
    }

    public ErrorInformation withExtensionList(ExtensionList extensions) {
        return new ErrorInformation(errorCode, errorDescription, extensions);
    }

    /** {@code {"errorInformation":{...}}}, without null members. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(new ErrorInformationObject(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + this, e);
        }
    }

    /** The {@code errorInformation} object itself, as an individual result of a bulk quote or transfer carries it. */
    public JsonNode toNode() {
        return MAPPER.valueToTree(new ErrorInformationObject(this)).path("errorInformation");
    }

    /**
     * Reads {@code {"errorInformation":{...}}}; unknown members are ignored. The extension list is
     * read in the specification's form ({@code {"extension":[...]}}) and in the bare array the
     * Testing Toolkit sends with its validation errors.
     */
    public static ErrorInformation fromJson(String json) {
        JsonNode information;
        try {
            information = MAPPER.readTree(json).path("errorInformation");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an FSPIOP error body: " + e.getOriginalMessage(), e);
        }
        return fromNode(information);
    }

    /** Reads the {@code errorInformation} object itself, as an individual result of a bulk quote or transfer carries it. */
    public static ErrorInformation fromNode(JsonNode information) {
        if (information == null || !information.isObject()) {
            throw new IllegalArgumentException("not an FSPIOP error body: errorInformation missing");
        }
        JsonNode extensions = information.path("extensionList");
        JsonNode items = extensions.isArray() ? extensions : extensions.path("extension");
        List<Extension> list = new ArrayList<>();
        for (JsonNode item : items) {
            if (item.path("key").isTextual() && item.path("value").isTextual()) {
                list.add(new Extension(item.get("key").asText(), item.get("value").asText()));
            }
        }
        return new ErrorInformation(information.path("errorCode").asText(null), information.path("errorDescription").asText(null),
                list.isEmpty() ? null : new ExtensionList(list));
    }

    static String truncate(String text) {
        if (text.length() <= MAX_DESCRIPTION_LENGTH) {
            return text;
        }
        int end = MAX_DESCRIPTION_LENGTH;
        // Never leave half of a surrogate pair behind.
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
