package io.paymenthub.fspiop.ilp;

import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymenthub.fspiop.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JavaScriptJsonTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|1", "-1|-1", "0.1|0.1", "100|100", "1e21|1e+21", "1e20|100000000000000000000",
            "0.000001|0.000001", "1e-7|1e-7", "1.5e-7|1.5e-7", "123e-20|1.23e-18", "5e-324|5e-324",
            "1.7976931348623157e308|1.7976931348623157e+308", "0.30000000000000004|0.30000000000000004",
            "2.5|2.5", "123456789.125|123456789.125", "9007199254740993|9007199254740992"})
    void formatsNumbersAsJavaScript(String json, String expected) throws Exception {
        assertThat(JavaScriptJson.stringify(TestResources.MAPPER.readTree(json))).isEqualTo(expected);
    }

    @Test
    void doublesAtPowersOfTwoUseTheShortestDigits() {
        // 2^-1074 .. 2^1023: boundaries where the rounding interval is lopsided.
        assertThat(JavaScriptJson.number(Math.pow(2, 60))).isEqualTo("1152921504606847000");
        assertThat(JavaScriptJson.number(Math.pow(2, -20))).isEqualTo("9.5367431640625e-7");
        assertThat(JavaScriptJson.number(Double.MIN_NORMAL)).isEqualTo("2.2250738585072014e-308");
        assertThat(JavaScriptJson.number(-0.0)).isEqualTo("0");
        assertThat(JavaScriptJson.number(Double.NaN)).isEqualTo("null");
    }

    @Test
    void keepsInsertionOrderButPutsIndexKeysFirst() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("z", 1).put("10", 2).put("a", 3).put("2", 4).put("02", 5);

        assertThat(JavaScriptJson.stringify(node)).isEqualTo("{\"2\":4,\"10\":2,\"z\":1,\"a\":3,\"02\":5}");
    }

    @Test
    void escapesLikeJsonStringify() {
        assertThat(JavaScriptJson.stringify(JsonNodeFactory.instance.textNode("a\"b\\c\u0000\u001f\u007f/é\u2028\ud800\ud83d\ude00")))
                .isEqualTo("\"a\\\"b\\\\c\\u0000\\u001f\u007f/é\u2028\\ud800\ud83d\ude00\"");
    }

    @Test
    void refusesNodesJsonCannotHold() {
        assertThatThrownBy(() -> JavaScriptJson.stringify(BinaryNode.valueOf(new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JavaScriptJson.stringify(JsonNodeFactory.instance.numberNode(new BigDecimal("1.50")))).isEqualTo("1.5");
    }
}
