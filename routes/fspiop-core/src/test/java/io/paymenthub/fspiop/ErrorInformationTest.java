package io.paymenthub.fspiop;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ErrorInformationTest {

    @Test
    void serialisesExactlyTheFspiopBody() {
        assertThat(ErrorInformation.of(FspiopErrorCode.PARTY_NOT_FOUND).toJson())
                .isEqualTo("{\"errorInformation\":{\"errorCode\":\"3204\",\"errorDescription\":\"Party not found\"}}");
    }

    @Test
    void appendsDetailAsMojaloopDoes() {
        assertThat(ErrorInformation.of(FspiopErrorCode.PARTY_NOT_FOUND, "MSISDN 255700000001").errorDescription())
                .isEqualTo("Party not found - MSISDN 255700000001");
        assertThat(ErrorInformation.of(FspiopErrorCode.PARTY_NOT_FOUND, " ").errorDescription()).isEqualTo("Party not found");
    }

    @Test
    void cutsDescriptionsTo128CharactersWithoutSplittingASurrogatePair() {
        String detail = "x".repeat(100) + "😀" + "y".repeat(50);
        ErrorInformation info = ErrorInformation.of(FspiopErrorCode.VALIDATION_ERROR, detail);

        // "Generic validation error - " is 27 characters, so the emoji's high half would be the 128th.
        assertThat(info.errorDescription()).hasSize(127).endsWith("x");
        assertThat(ErrorInformation.of(FspiopErrorCode.VALIDATION_ERROR, "z".repeat(200)).errorDescription())
                .hasSize(ErrorInformation.MAX_DESCRIPTION_LENGTH);
    }

    @Test
    void carriesAnExtensionList() {
        ErrorInformation info = ErrorInformation.of(FspiopErrorCode.PAYEE_REJECTION)
                .withExtensionList(ExtensionList.of(new Extension("reason", "closed")));

        assertThat(info.toJson()).isEqualTo("{\"errorInformation\":{\"errorCode\":\"5100\",\"errorDescription\":"
                + "\"Generic Payee rejection\",\"extensionList\":{\"extension\":[{\"key\":\"reason\",\"value\":\"closed\"}]}}}");
        assertThat(ErrorInformation.fromJson(info.toJson())).isEqualTo(info);
    }

    @Test
    void readsBodiesFromPeersIgnoringUnknownMembersAndKeepingUnknownCodes() {
        ErrorInformation info = ErrorInformation.fromJson(
                "{\"errorInformation\":{\"errorCode\":\"6001\",\"errorDescription\":\"Settlement\",\"x\":1},\"y\":2}");

        assertThat(info).isEqualTo(new ErrorInformation("6001", "Settlement", null));
    }

    @Test
    void refusesWhatIsNotAnErrorBody() {
        assertThatThrownBy(() -> ErrorInformation.fromJson("{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ErrorInformation.fromJson("{\"errorInformation\":{\"errorCode\":\"0123\",\"errorDescription\":\"x\"}}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ErrorInformation.fromJson("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ErrorInformation("3100", "", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ErrorInformation("31000", "x", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exceptionCarriesBodyAndStatus() {
        FspiopException e = new FspiopException(FspiopErrorCode.SERVICE_CURRENTLY_UNAVAILABLE, "core banking down");

        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.errorInformation().errorCode()).isEqualTo("2003");
        assertThat(e.getMessage()).isEqualTo("2003 Service currently unavailable - core banking down");
    }

    @Test
    void readsTheBareExtensionArrayOfTheTestingToolkitsValidationErrors() {
        ErrorInformation information = ErrorInformation.fromJson("""
                {"errorInformation":{"errorCode":"3100","errorDescription":"must match pattern",
                 "extensionList":[{"key":"keyword","value":"pattern"},{"key":"instancePath","value":"/requestBody/amount/amount"}]}}
                """);

        assertThat(information.errorCode()).isEqualTo("3100");
        assertThat(information.extensionList().extension()).extracting(Extension::key).containsExactly("keyword", "instancePath");
    }
}
