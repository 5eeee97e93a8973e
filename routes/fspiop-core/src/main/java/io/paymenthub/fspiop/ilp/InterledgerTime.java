package io.paymenthub.fspiop.ilp;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;

/**
 * ILP v4's {@code expiresAt}: 17 ASCII digits {@code YYYYMMDDHHmmssSSS} in UTC (IL-RFC 27 and
 * {@code ilp-packet} 3.x). Not the {@code YYYYMMDDHHmmss.SSSZ} GeneralizedTime of older drafts:
 * no dot, no Z.
 */
final class InterledgerTime {

    static final int LENGTH = 17;

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS").withResolverStyle(ResolverStyle.STRICT);

    private InterledgerTime() {
    }

    static byte[] format(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            throw new IlpException("expiresAt year outside 0000-9999: " + instant);
        }
        return FORMAT.format(utc).getBytes(StandardCharsets.US_ASCII);
    }

    static Instant parse(byte[] ascii) {
        String text = new String(ascii, StandardCharsets.US_ASCII);
        if (ascii.length != LENGTH || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IlpException("expiresAt is not YYYYMMDDHHmmssSSS: " + text);
        }
        try {
            return LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IlpException("expiresAt is not a valid time: " + text, e);
        }
    }
}
