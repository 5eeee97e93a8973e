package io.paymenthub.fspiop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FspiopHeadersTest {

    private static final Instant RFC_EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void headerNames() {
        assertThat(FspiopHeaders.DATE).isEqualTo("Date");
        assertThat(FspiopHeaders.FSPIOP_SOURCE).isEqualTo("FSPIOP-Source");
        assertThat(FspiopHeaders.FSPIOP_DESTINATION).isEqualTo("FSPIOP-Destination");
        assertThat(FspiopHeaders.FSPIOP_SIGNATURE).isEqualTo("FSPIOP-Signature");
        assertThat(FspiopHeaders.FSPIOP_URI).isEqualTo("FSPIOP-URI");
        assertThat(FspiopHeaders.FSPIOP_HTTP_METHOD).isEqualTo("FSPIOP-HTTP-Method");
        assertThat(FspiopHeaders.TRACEPARENT).isEqualTo("traceparent");
    }

    @Test
    void formatsImfFixdateWithTwoDigitDayInEnglish() {
        assertThat(FspiopHeaders.formatDate(RFC_EXAMPLE)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(FspiopHeaders.formatDate(Instant.parse("2030-01-02T03:04:05.999Z"))).isEqualTo("Wed, 02 Jan 2030 03:04:05 GMT");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            " Sun, 06 Nov 1994 08:49:37 GMT ",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994"})
    void parsesTheThreeRfc7231Forms(String value) {
        assertThat(FspiopHeaders.parseDate(value)).isEqualTo(RFC_EXAMPLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mon, 06 Nov 1994 08:49:37 GMT", "2030-01-02T03:04:05Z", "yesterday", ""})
    void refusesWhatIsNotAnHttpDate(String value) {
        assertThatThrownBy(() -> FspiopHeaders.parseDate(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundTrips() {
        Instant now = Instant.parse("2026-02-28T23:59:59Z");
        assertThat(FspiopHeaders.parseDate(FspiopHeaders.formatDate(now))).isEqualTo(now);
        assertThatThrownBy(() -> FspiopHeaders.parseDate(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
