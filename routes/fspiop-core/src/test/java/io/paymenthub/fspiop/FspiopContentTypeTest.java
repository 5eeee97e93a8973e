package io.paymenthub.fspiop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class FspiopContentTypeTest {

    @ParameterizedTest
    @EnumSource(FspiopResource.class)
    void formatsAndParsesEveryResource(FspiopResource resource) {
        FspiopContentType type = FspiopContentType.of(resource, FspiopVersion.V1_1);

        assertThat(type.toString()).isEqualTo("application/vnd.interoperability." + resource.path() + "+json;version=1.1");
        assertThat(FspiopContentType.parse(type.toString())).isEqualTo(type);
        assertThat(FspiopResource.fromPath(resource.path())).contains(resource);
    }

    @Test
    void resourceNamesAreTheSpecificationsOnes() {
        assertThat(FspiopResource.values()).extracting(FspiopResource::path).containsExactly(
                "parties", "participants", "quotes", "transfers", "transactionRequests", "authorizations",
                "bulkQuotes", "bulkTransfers");
        assertThat(FspiopResource.fromPath("Parties")).isEmpty();
    }

    @Test
    void readsVersionsOneZeroOneOneAndBareOne() {
        assertThat(FspiopContentType.parse("application/vnd.interoperability.quotes+json;version=1.1").version())
                .isEqualTo(FspiopVersion.V1_1);
        assertThat(FspiopContentType.parse("application/vnd.interoperability.quotes+json;version=1.0").version())
                .isEqualTo(FspiopVersion.V1_0);
        // A lone major is minor 0, as Mojaloop lists "1" among its versions.
        assertThat(FspiopContentType.parse("application/vnd.interoperability.quotes+json;version=1").version())
                .isEqualTo(FspiopVersion.V1_0);
    }

    @Test
    void toleratesSpacesCaseAndOtherParameters() {
        FspiopContentType type = FspiopContentType.parse(
                " Application/VND.Interoperability.transactionRequests+JSON ; charset=utf-8; Version = \"1.1\" ");

        assertThat(type).isEqualTo(FspiopContentType.of(FspiopResource.TRANSACTION_REQUESTS, FspiopVersion.V1_1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "application/json",
            "application/vnd.interoperability.parties+json",
            "application/vnd.interoperability.fxQuotes+json;version=1.1",
            "application/vnd.interoperability.parties+json;version=one",
            "application/vnd.interoperability.parties+xml;version=1.1"})
    void malformedIs3101(String header) {
        assertThatThrownBy(() -> FspiopContentType.parse(header))
                .asInstanceOf(type(FspiopException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(FspiopErrorCode.MALFORMED_SYNTAX);
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
    }

    @Test
    void absentIs3102() {
        assertThatThrownBy(() -> FspiopContentType.parse(null))
                .asInstanceOf(type(FspiopException.class))
                .extracting(FspiopException::code).isEqualTo(FspiopErrorCode.MISSING_ELEMENT);
    }

    @Test
    void unsupportedVersionParsesButIsRefusedWith406ListingTheSupportedOnes() {
        FspiopContentType type = FspiopContentType.parse("application/vnd.interoperability.transfers+json;version=2.0");

        assertThat(type.version()).isEqualTo(new FspiopVersion(2, 0));
        assertThat(type.isSupported()).isFalse();
        assertThatThrownBy(type::requireSupported)
                .asInstanceOf(type(FspiopException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(FspiopErrorCode.UNACCEPTABLE_VERSION);
                    assertThat(e.httpStatus()).isEqualTo(406);
                    assertThat(e.errorInformation().toJson()).isEqualTo("{\"errorInformation\":{\"errorCode\":\"3001\","
                            + "\"errorDescription\":\"Unacceptable version requested - Client supplied a protocol version "
                            + "which is not supported by the server\",\"extensionList\":{\"extension\":"
                            + "[{\"key\":\"1\",\"value\":\"0\"},{\"key\":\"1\",\"value\":\"1\"}]}}}");
                });
        assertThat(FspiopContentType.parse("application/vnd.interoperability.transfers+json;version=1.0").requireSupported())
                .isNotNull();
    }

    @Test
    void negotiatesThePreferredVersionWhenAccepted() {
        String accept = "application/vnd.interoperability.parties+json;version=1";

        assertThat(FspiopContentType.negotiate(FspiopResource.PARTIES, accept, FspiopVersion.V1_0).version())
                .isEqualTo(FspiopVersion.V1_0);
        assertThat(FspiopContentType.negotiate(FspiopResource.PARTIES, accept, FspiopVersion.V1_1).version())
                .isEqualTo(FspiopVersion.V1_1);
    }

    @Test
    void negotiatesTheHighestAcceptedSupportedVersionOtherwise() {
        assertThat(FspiopContentType.negotiate(FspiopResource.PARTIES,
                "application/vnd.interoperability.parties+json", null).version()).isEqualTo(FspiopVersion.V1_1);
        assertThat(FspiopContentType.negotiate(FspiopResource.PARTIES,
                "application/vnd.interoperability.parties+json;version=1.0", FspiopVersion.V1_1).version())
                .isEqualTo(FspiopVersion.V1_0);
        assertThat(FspiopContentType.negotiate(FspiopResource.QUOTES,
                "application/vnd.interoperability.quotes+json;version=2.0,application/vnd.interoperability.quotes+json;version=1.1",
                FspiopVersion.V1_0).version()).isEqualTo(FspiopVersion.V1_1);
    }

    @Test
    void negotiationFailures() {
        assertThatThrownBy(() -> FspiopContentType.negotiate(FspiopResource.PARTIES,
                "application/vnd.interoperability.parties+json;version=2", FspiopVersion.V1_1))
                .asInstanceOf(type(FspiopException.class))
                .extracting(FspiopException::httpStatus).isEqualTo(406);
        assertThatThrownBy(() -> FspiopContentType.negotiate(FspiopResource.PARTIES,
                "application/vnd.interoperability.quotes+json;version=1.1", FspiopVersion.V1_1))
                .asInstanceOf(type(FspiopException.class))
                .extracting(FspiopException::code).isEqualTo(FspiopErrorCode.MALFORMED_SYNTAX);
        assertThatThrownBy(() -> FspiopContentType.negotiate(FspiopResource.PARTIES, " ", FspiopVersion.V1_1))
                .asInstanceOf(type(FspiopException.class))
                .extracting(FspiopException::code).isEqualTo(FspiopErrorCode.MISSING_ELEMENT);
    }

    @Test
    void versions() {
        assertThat(FspiopVersion.SUPPORTED).containsExactly(FspiopVersion.V1_0, FspiopVersion.V1_1);
        assertThat(FspiopVersion.parse("1.1")).isEqualTo(FspiopVersion.V1_1);
        assertThat(FspiopVersion.parse("2")).isEqualTo(new FspiopVersion(2, 0));
        assertThat(FspiopVersion.V1_0).isLessThan(FspiopVersion.V1_1);
        assertThat(new FspiopVersion(2, 0).isSupported()).isFalse();
        assertThatThrownBy(() -> FspiopVersion.parse("1.x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FspiopVersion.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
