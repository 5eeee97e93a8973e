package io.paymenthub.fineract.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class FineractErrorsTest {

    @Test
    void theContainersTimestampKeepsItsMillisecondsAtAWholeSecond() {
        // One error document in a thousand falls on a whole second; its timestamp keeps the container's form.
        assertThat(FineractErrors.containerError(401, "/fineract-provider/api/v1/x", Instant.parse("2026-12-03T10:23:44Z"))
                .get("timestamp").asText()).isEqualTo("2026-12-03T10:23:44.000Z");
        assertThat(FineractErrors.containerError(401, "/fineract-provider/api/v1/x", Instant.parse("2026-12-03T10:23:44.123456Z"))
                .get("timestamp").asText()).isEqualTo("2026-12-03T10:23:44.123Z");
    }
}
