package io.paymenthub.fspiop;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

class FspiopErrorCodeTest {

    @Test
    void matchesMojaloopsTableForEveryCodeFrom1000To5999() {
        JsonNode table = TestResources.fspiopTables().get("errorCodes");
        List<JsonNode> fspiop = StreamSupport.stream(table.spliterator(), false)
                .filter(e -> e.get("code").asText().compareTo("6") < 0)
                .toList();

        assertThat(fspiop).hasSize(FspiopErrorCode.values().length);
        for (JsonNode entry : fspiop) {
            FspiopErrorCode code = FspiopErrorCode.valueOf(entry.get("name").asText());
            assertThat(code.code()).as(code.name()).isEqualTo(entry.get("code").asText());
            assertThat(code.description()).as(code.name()).isEqualTo(entry.get("message").asText());
            if (entry.has("httpStatusCode")) {
                assertThat(code.httpStatus()).as(code.name()).isEqualTo(entry.get("httpStatusCode").asInt());
            }
        }
    }

    @Test
    void categoryStatusesAreMojaloops() {
        assertThat(FspiopErrorCode.DESTINATION_COMMUNICATION_ERROR.httpStatus()).isEqualTo(503);
        assertThat(FspiopErrorCode.INTERNAL_SERVER_ERROR.httpStatus()).isEqualTo(500);
        assertThat(FspiopErrorCode.QUOTE_EXPIRED.httpStatus()).isEqualTo(400);
        assertThat(FspiopErrorCode.PAYEE_REJECTION.httpStatus()).isEqualTo(400);
    }

    @Test
    void theCodesProtocolsMdRelyOnAreThere() {
        assertThat(Arrays.stream("2001 2003 3001 3100 3101 3102 3106 3200 3201 3204 3205 3208 3300 3301 3302 3303 4000 4001 4100 4200 5000 5100 5105 5106"
                .split(" ")).map(FspiopErrorCode::fromCode)).allMatch(java.util.Optional::isPresent);
        assertThat(FspiopErrorCode.fromCode("3204")).contains(FspiopErrorCode.PARTY_NOT_FOUND);
        // The v1.1 table: 5106 is the unsupported currency, 5105 a rejected transaction.
        assertThat(FspiopErrorCode.fromCode("5106")).contains(FspiopErrorCode.PAYEE_UNSUPPORTED_CURRENCY);
        assertThat(FspiopErrorCode.fromCode("5105").orElseThrow().description()).isEqualTo("Payee FSP rejected transaction");
        assertThat(FspiopErrorCode.fromCode("3000")).contains(FspiopErrorCode.CLIENT_ERROR);
        assertThat(FspiopErrorCode.fromCode("9999")).isEmpty();
    }

    @Test
    void codesAreFourDigitsAndUniqueExceptTheTwo3000s() {
        assertThat(FspiopErrorCode.values()).allSatisfy(c -> assertThat(c.code()).matches("[1-5]\\d{3}"));
        assertThat(Arrays.stream(FspiopErrorCode.values()).map(FspiopErrorCode::code).distinct().count())
                .isEqualTo(FspiopErrorCode.values().length - 1L);
    }
}
