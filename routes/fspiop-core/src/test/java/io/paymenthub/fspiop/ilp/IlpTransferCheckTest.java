package io.paymenthub.fspiop.ilp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymenthub.fspiop.TestResources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import static io.paymenthub.fspiop.ilp.IlpTransferCheck.Kind;
import static org.assertj.core.api.Assertions.assertThat;

/** Payee side: our own quotes, then POST /transfers bodies built from them, intact or altered. */
class IlpTransferCheckTest {

    private static final Instant NOW = Instant.parse("2030-01-02T00:00:00Z");
    private static final String QUOTE_REQUEST = "{\"quoteId\":\"q1\",\"transactionId\":\"t1\","
            + "\"payee\":{\"partyIdInfo\":{\"partyIdType\":\"MSISDN\",\"partyIdentifier\":\"255700000001\",\"fspId\":\"payeefsp\"}},"
            + "\"payer\":{\"partyIdInfo\":{\"partyIdType\":\"MSISDN\",\"partyIdentifier\":\"255710000001\",\"fspId\":\"payerfsp\"}},"
            + "\"amountType\":\"SEND\",\"amount\":{\"amount\":\"1500.5\",\"currency\":\"TZS\"},"
            + "\"transactionType\":{\"scenario\":\"TRANSFER\",\"initiator\":\"PAYER\",\"initiatorType\":\"CONSUMER\"}}";
    private static final String QUOTE_RESPONSE = "{\"transferAmount\":{\"amount\":\"1500.5\",\"currency\":\"TZS\"},"
            + "\"expiration\":\"2030-01-02T00:01:00.000Z\"}";

    private static ObjectNode transfer(MojaloopIlp ilp) throws Exception {
        IlpResponse quoted = ilp.quoteResponse(TestResources.MAPPER.readTree(QUOTE_REQUEST), TestResources.MAPPER.readTree(QUOTE_RESPONSE));
        ObjectNode body = (ObjectNode) TestResources.MAPPER.readTree("{\"transferId\":\"x1\",\"payerFsp\":\"payerfsp\","
                + "\"payeeFsp\":\"payeefsp\",\"amount\":{\"amount\":\"1500.5\",\"currency\":\"TZS\"},"
                + "\"expiration\":\"2030-01-02T00:00:30.000Z\"}");
        return body.put("ilpPacket", quoted.ilpPacket()).put("condition", quoted.condition());
    }

    private static IlpTransferCheck.Result check(IlpVersion version, Consumer<ObjectNode> change) throws Exception {
        MojaloopIlp ilp = MojaloopIlp.of(version, "payee-secret");
        ObjectNode body = transfer(ilp);
        change.accept(body);
        return IlpTransferCheck.check(ilp, body, NOW);
    }

    @ParameterizedTest
    @EnumSource(IlpVersion.class)
    void acceptsTheTransferAsQuotedAndGivesTheFulfilment(IlpVersion version) throws Exception {
        MojaloopIlp ilp = MojaloopIlp.of(version, "payee-secret");
        JsonNode body = transfer(ilp);
        IlpTransferCheck.Result result = IlpTransferCheck.check(ilp, body, NOW);

        assertThat(result.ok()).as(result.mismatches().toString()).isTrue();
        assertThat(result.error()).isEmpty();
        assertThat(IlpCrypto.verifyFulfilment(result.fulfilment(), body.get("condition").asText())).isTrue();
        assertThat(result.packet().transactionObject().text("quoteId")).contains("q1");
    }

    @ParameterizedTest
    @EnumSource(IlpVersion.class)
    void refusesAlteredTerms(IlpVersion version) throws Exception {
        assertThat(kinds(check(version, b -> ((ObjectNode) b.get("amount")).put("amount", "1500.6")))).containsExactly(Kind.AMOUNT);
        assertThat(kinds(check(version, b -> ((ObjectNode) b.get("amount")).put("currency", "KES")))).containsExactly(Kind.CURRENCY);
        assertThat(kinds(check(version, b -> b.put("payerFsp", "mallory")))).containsExactly(Kind.PAYER_FSP);
        assertThat(kinds(check(version, b -> b.put("payeeFsp", "mallory")))).containsExactly(Kind.PAYEE_FSP);
        assertThat(kinds(check(version, b -> b.put("condition", IlpCrypto.conditionOf(Base64Url.encode(new byte[32]))))))
                .containsExactly(Kind.CONDITION);
    }

    @ParameterizedTest
    @EnumSource(IlpVersion.class)
    void refusesAPacketIssuedWithAnotherSecret(IlpVersion version) throws Exception {
        ObjectNode foreign = transfer(MojaloopIlp.of(version, "someone-else"));
        IlpTransferCheck.Result result = IlpTransferCheck.check(MojaloopIlp.of(version, "payee-secret"), foreign, NOW);

        assertThat(kinds(result)).containsExactly(Kind.CONDITION);
        assertThat(result.error().orElseThrow().errorCode()).isEqualTo("3100");
    }

    @ParameterizedTest
    @EnumSource(IlpVersion.class)
    void refusesExpiredQuotesAndTransfers(IlpVersion version) throws Exception {
        MojaloopIlp ilp = MojaloopIlp.of(version, "payee-secret");
        ObjectNode body = transfer(ilp);

        IlpTransferCheck.Result late = IlpTransferCheck.check(ilp, body, Instant.parse("2030-01-02T00:00:45Z"));
        assertThat(kinds(late)).containsExactly(Kind.TRANSFER_EXPIRED);
        assertThat(late.error().orElseThrow().errorCode()).isEqualTo("3303");

        IlpTransferCheck.Result later = IlpTransferCheck.check(ilp, body.put("expiration", "2030-01-02T00:05:00.000Z"),
                Instant.parse("2030-01-02T00:02:00Z"));
        assertThat(kinds(later)).containsExactly(Kind.QUOTE_EXPIRED);
        assertThat(later.error().orElseThrow().errorCode()).isEqualTo("3302");
        assertThat(List.of(late.failsOnlyOnExpiry(), later.failsOnlyOnExpiry())).as("expired, all else right").containsOnly(true);
        assertThat(IlpTransferCheck.check(ilp, body.put("condition", "x"), Instant.parse("2030-01-02T00:02:00Z")).failsOnlyOnExpiry())
                .as("expired and another condition").isFalse();
        assertThat(IlpTransferCheck.check(ilp, transfer(ilp), Instant.parse("2030-01-02T00:00:00Z")).failsOnlyOnExpiry())
                .as("in time").isFalse();
    }

    @ParameterizedTest
    @EnumSource(IlpVersion.class)
    void reportsMissingOrMalformedTransferExpiration(IlpVersion version) throws Exception {
        assertThat(check(version, b -> b.remove("expiration")).error().orElseThrow().errorCode()).isEqualTo("3102");
        assertThat(check(version, b -> b.put("expiration", "tomorrow")).error().orElseThrow().errorCode()).isEqualTo("3101");
    }

    @ParameterizedTest
    @EnumSource(IlpVersion.class)
    void refusesAnUnreadablePacket(IlpVersion version) throws Exception {
        IlpTransferCheck.Result garbage = check(version, b -> b.put("ilpPacket", "AAAA"));
        IlpTransferCheck.Result missing = check(version, b -> b.remove("ilpPacket"));

        assertThat(kinds(garbage)).containsExactly(Kind.ILP_PACKET);
        assertThat(garbage.fulfilment()).isNull();
        assertThat(garbage.packet()).isNull();
        assertThat(kinds(missing)).containsExactly(Kind.ILP_PACKET);
        assertThat(missing.error().orElseThrow().errorDescription()).startsWith("Generic validation error - ilpPacket");
    }

    @ParameterizedTest
    @EnumSource(IlpVersion.class)
    void refusesAPacketOfTheOtherVersion(IlpVersion version) throws Exception {
        IlpVersion other = version == IlpVersion.V1 ? IlpVersion.V4 : IlpVersion.V1;
        ObjectNode body = transfer(MojaloopIlp.of(other, "payee-secret"));

        assertThat(kinds(IlpTransferCheck.check(MojaloopIlp.of(version, "payee-secret"), body, NOW))).containsExactly(Kind.ILP_PACKET);
    }

    private static java.util.List<Kind> kinds(IlpTransferCheck.Result result) {
        return result.mismatches().stream().map(IlpTransferCheck.Mismatch::kind).toList();
    }
}
