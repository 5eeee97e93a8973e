package io.paymenthub.fspiop.ilp;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * FSPIOP {@code DateTime} values ({@code 2030-01-02T03:04:05.678Z} or with an offset) read the way
 * JavaScript's {@code new Date(text)} reads them: extra fraction digits are cut, not rounded.
 * Text without an offset is refused (JavaScript would take local time).
 */
final class IsoDateTime {

    private IsoDateTime() {
    }

    static Instant parse(String text) {
        if (text == null) {
            throw new IlpException("Invalid ILP expiration date: missing");
        }
        try {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new IlpException("Invalid ILP expiration date: " + text, e);
        }
    }
}
