package io.paymenthub.fspiop.ilp;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymenthub.fspiop.TestResources;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionObjectTest {

    private static JsonNode json(String text) throws Exception {
        return TestResources.MAPPER.readTree(text);
    }

    @Test
    void takesTheSdksMembersInTheSdksOrder() throws Exception {
        JsonNode request = json("{\"payer\":{\"p\":1},\"amountType\":\"SEND\",\"payee\":{\"q\":2},\"transactionId\":\"t\","
                + "\"quoteId\":\"q\",\"transactionType\":{\"scenario\":\"TRANSFER\"},\"amount\":{\"amount\":\"9\",\"currency\":\"USD\"}}");
        JsonNode response = json("{\"note\":\"hi\",\"transferAmount\":{\"amount\":\"10\",\"currency\":\"USD\"},"
                + "\"expiration\":\"2030-01-02T03:04:05.678Z\",\"payeeFspFee\":{\"amount\":\"1\",\"currency\":\"USD\"}}");

        assertThat(TransactionObject.fromQuote(request, response).toJson()).isEqualTo("{\"quoteId\":\"q\",\"transactionId\":\"t\","
                + "\"transactionType\":{\"scenario\":\"TRANSFER\"},\"payee\":{\"q\":2},\"payer\":{\"p\":1},"
                + "\"expiration\":\"2030-01-02T03:04:05.678Z\",\"amount\":{\"amount\":\"10\",\"currency\":\"USD\"},\"note\":\"hi\"}");
    }

    @Test
    void leavesOutMissingMembersAndFalsyNotesButKeepsNulls() throws Exception {
        JsonNode request = json("{\"quoteId\":null}");

        assertThat(TransactionObject.fromQuote(request, json("{\"note\":\"\"}")).toJson()).isEqualTo("{\"quoteId\":null}");
        assertThat(TransactionObject.fromQuote(request, json("{\"note\":null}")).toJson()).isEqualTo("{\"quoteId\":null}");
        assertThat(TransactionObject.fromQuote(request, json("{\"note\":0}")).toJson()).isEqualTo("{\"quoteId\":null}");
        assertThat(TransactionObject.fromQuote(request, json("{\"note\":false}")).toJson()).isEqualTo("{\"quoteId\":null}");
        assertThat(TransactionObject.fromQuote(request, json("{\"note\":{}}")).toJson()).isEqualTo("{\"quoteId\":null,\"note\":{}}");
    }

    @Test
    void ilpDataIsTheAsciiOfBase64UrlJson() {
        TransactionObject tx = TransactionObject.parse("{\"note\":\"é\"}");
        byte[] data = tx.toIlpData();

        assertThat(new String(data, StandardCharsets.US_ASCII)).isEqualTo(Base64Url.encode("{\"note\":\"é\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(TransactionObject.fromIlpData(data)).isEqualTo(tx);
    }

    @Test
    void readsScalarsByPath() {
        TransactionObject tx = TransactionObject.parse("{\"payee\":{\"partyIdInfo\":{\"fspId\":\"b\"}},\"n\":1e21,\"t\":true,\"o\":{}}");

        assertThat(tx.text("payee", "partyIdInfo", "fspId")).contains("b");
        assertThat(tx.text("n")).contains("1e+21");
        assertThat(tx.text("t")).contains("true");
        assertThat(tx.text("o")).isEmpty();
        assertThat(tx.text("missing", "x")).isEmpty();
    }

    @Test
    void isImmutable() {
        TransactionObject tx = TransactionObject.parse("{\"a\":1}");
        tx.tree().put("a", 2);

        assertThat(tx.toJson()).isEqualTo("{\"a\":1}").isEqualTo(tx.toString());
        assertThat(tx).hasSameHashCodeAs(TransactionObject.parse("{\"a\": 1}"));
    }

    @Test
    void refusesWhatIsNotAnObject() {
        assertThatThrownBy(() -> TransactionObject.parse("[1]")).isInstanceOf(IlpException.class);
        assertThatThrownBy(() -> TransactionObject.parse("{")).isInstanceOf(IlpException.class);
        assertThatThrownBy(() -> TransactionObject.fromIlpData("!!".getBytes(StandardCharsets.US_ASCII))).isInstanceOf(IlpException.class);
    }
}
