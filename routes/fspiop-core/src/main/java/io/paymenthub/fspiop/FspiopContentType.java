package io.paymenthub.fspiop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code application/vnd.interoperability.<resource>+json;version=<major.minor>}, the
 * Content-Type (and Accept) of every FSPIOP request and callback.
 *
 * <p>Parsing never rejects a well-formed but unsupported version: the caller checks
 * {@link #requireSupported()} so that it can answer 406 / 3001 listing {@link FspiopVersion#SUPPORTED}.
 */
public record FspiopContentType(FspiopResource resource, FspiopVersion version) {

    private static final Pattern MEDIA_TYPE =
            Pattern.compile("application/vnd\\.interoperability\\.([A-Za-z]+)\\+json", Pattern.CASE_INSENSITIVE);

    public FspiopContentType {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(version, "version");
    }

    public static FspiopContentType of(FspiopResource resource, FspiopVersion version) {
        return new FspiopContentType(resource, version);
    }

    /**
     * Reads a Content-Type header. Throws {@link FspiopException} 3101 (malformed syntax) when it
     * is not an FSPIOP media type with a version, 3102 when it is absent.
     */
    public static FspiopContentType parse(String header) {
        return parse(FspiopHeaders.CONTENT_TYPE, header);
    }

    /** As {@link #parse(String)}, naming the header in errors as the client spelt it. */
    public static FspiopContentType parse(String headerName, String header) {
        if (header == null || header.isBlank()) {
            throw new FspiopException(FspiopErrorCode.MISSING_ELEMENT, "Missing " + headerName + " header");
        }
        MediaRange range = MediaRange.parse(header)
                .orElseThrow(() -> malformed("Invalid " + headerName + " header: " + header));
        if (range.version() == null) {
            throw malformed(headerName + " without version: " + header);
        }
        return new FspiopContentType(range.resource(), range.version());
    }

    /** Returns this content type, or throws 3001 (HTTP 406) with the supported versions as extensions. */
    public FspiopContentType requireSupported() {
        if (!version.isSupported()) {
            throw unacceptableVersion("Client supplied a protocol version which is not supported by the server");
        }
        return this;
    }

    public boolean isSupported() {
        return version.isSupported();
    }

    /**
     * Chooses the version to answer in from an Accept header for {@code resource}: {@code preferred}
     * when the header allows it (e.g. the version the request came in), otherwise the highest
     * supported version it allows. A range without version, or with a major only, allows every
     * minor of that major, as in Mojaloop's header validation.
     *
     * @throws FspiopException 3102 when absent, 3101 when no range names the resource,
     *         3001 (HTTP 406) when no supported version is acceptable
     */
    public static FspiopContentType negotiate(FspiopResource resource, String acceptHeader, FspiopVersion preferred) {
        return negotiate(resource, FspiopHeaders.ACCEPT, acceptHeader, preferred);
    }

    /** As {@link #negotiate(FspiopResource, String, FspiopVersion)}, naming the header in errors as the client spelt it. */
    public static FspiopContentType negotiate(FspiopResource resource, String headerName, String acceptHeader, FspiopVersion preferred) {
        if (acceptHeader == null || acceptHeader.isBlank()) {
            throw new FspiopException(FspiopErrorCode.MISSING_ELEMENT, "Missing " + headerName + " header");
        }
        List<MediaRange> ranges = new ArrayList<>();
        for (String part : acceptHeader.split(",")) {
            MediaRange.parse(part).filter(r -> r.resource() == resource).ifPresent(ranges::add);
        }
        if (ranges.isEmpty()) {
            throw malformed("Invalid " + headerName + " header: " + acceptHeader);
        }
        if (preferred != null && preferred.isSupported() && ranges.stream().anyMatch(r -> r.allows(preferred))) {
            return new FspiopContentType(resource, preferred);
        }
        return FspiopVersion.SUPPORTED.stream()
                .filter(v -> ranges.stream().anyMatch(r -> r.allows(v)))
                .max(Comparator.naturalOrder())
                .map(v -> new FspiopContentType(resource, v))
                .orElseThrow(() -> unacceptableVersion(
                        "The Client requested an unsupported version, see extension list for supported version(s)."));
    }

    /** The header value, e.g. {@code application/vnd.interoperability.quotes+json;version=1.1}. */
    @Override
    public String toString() {
        return "application/vnd.interoperability." + resource.path() + "+json;version=" + version;
    }

    private static FspiopException malformed(String detail) {
        return new FspiopException(FspiopErrorCode.MALFORMED_SYNTAX, detail);
    }

    private static FspiopException unacceptableVersion(String detail) {
        return new FspiopException(FspiopErrorCode.UNACCEPTABLE_VERSION, ErrorInformation.unacceptableVersion(detail));
    }

    /** One media range; {@code version} null means no version parameter, {@code minorGiven} false means "1". */
    private record MediaRange(FspiopResource resource, FspiopVersion version, boolean minorGiven) {

        static Optional<MediaRange> parse(String text) {
            String[] parts = text.split(";");
            Matcher m = MEDIA_TYPE.matcher(parts[0].trim());
            if (!m.matches()) {
                return Optional.empty();
            }
            Optional<FspiopResource> resource = FspiopResource.fromPath(m.group(1));
            if (resource.isEmpty()) {
                return Optional.empty();
            }
            FspiopVersion version = null;
            boolean minorGiven = false;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                if (kv.length == 2 && kv[0].trim().toLowerCase(Locale.ROOT).equals("version")) {
                    String value = kv[1].trim().replace("\"", "");
                    try {
                        version = FspiopVersion.parse(value);
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                    minorGiven = value.contains(".");
                }
            }
            return Optional.of(new MediaRange(resource.get(), version, minorGiven));
        }

        boolean allows(FspiopVersion candidate) {
            if (version == null) {
                return true;
            }
            return minorGiven ? version.equals(candidate) : version.major() == candidate.major();
        }
    }
}
