package io.paymenthub.fspiop;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Header names of FSPIOP requests and callbacks, and the RFC 7231 {@code Date} format they use.
 * HTTP header names are case-insensitive; these are the spellings of the specification.
 */
public final class FspiopHeaders {

    public static final String ACCEPT = "Accept";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String DATE = "Date";
    public static final String X_FORWARDED_FOR = "X-Forwarded-For";
    public static final String FSPIOP_SOURCE = "FSPIOP-Source";
    public static final String FSPIOP_DESTINATION = "FSPIOP-Destination";
    public static final String FSPIOP_ENCRYPTION = "FSPIOP-Encryption";
    public static final String FSPIOP_SIGNATURE = "FSPIOP-Signature";
    public static final String FSPIOP_URI = "FSPIOP-URI";
    public static final String FSPIOP_HTTP_METHOD = "FSPIOP-HTTP-Method";
    /** W3C trace context; Mojaloop components pass it along although the v1.1 specification predates it. */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    // IMF-fixdate, the only form to send: "Sun, 06 Nov 1994 08:49:37 GMT" (Mojaloop rejects others).
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    // Obsolete forms RFC 7231 section 7.1.1.1 still asks recipients to accept; RFC 850's
    // two-digit years are read as 1970-2069.
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.US);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    private FspiopHeaders() {
    }

    /** The {@code Date} header value for an instant, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    public static String formatDate(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /**
     * Reads a {@code Date} header in IMF-fixdate (also with a one-digit day, as RFC 1123 allows),
     * RFC 850 or asctime form. A day name that does not match the date is an error.
     *
     * @throws IllegalArgumentException when the value is not an HTTP date
     */
    public static Instant parseDate(String value) {
        String text = value == null ? "" : value.trim();
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException notImf) {
            // fall through to the obsolete forms
        }
        for (DateTimeFormatter obsolete : new DateTimeFormatter[] {RFC_850, ASCTIME}) {
            try {
                LocalDateTime dateTime = LocalDateTime.parse(text, obsolete);
                return dateTime.toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        throw new IllegalArgumentException("not an RFC 7231 date: " + value);
    }
}
