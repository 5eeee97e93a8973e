package io.paymenthub.fspiop;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FspiopAmountTest {

    @Test
    void patternAndCurrenciesAreTheOpenApiDefinitions() {
        var tables = TestResources.fspiopTables();

        assertThat(FspiopAmount.AMOUNT_PATTERN.pattern()).isEqualTo(tables.get("amountPattern").asText());
        assertThat(FspiopCurrency.all()).containsExactlyElementsOf(new TreeSet<>(
                StreamSupport.stream(tables.get("currencies").spliterator(), false).map(n -> n.asText()).toList()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "10", "0.5", "1500.5", "0.0001", "123456789012345678", "123456789012345678.1234"})
    void validAmounts(String amount) {
        assertThat(FspiopAmount.isValidAmount(amount)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00", "01", "1.", ".5", "1.50", "10.0", "0.00001", "-1", "1e3", "1,5", " 1",
            "1234567890123456789", "1.23450"})
    void invalidAmounts(String amount) {
        assertThat(FspiopAmount.isValidAmount(amount)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"10.50,10.5", "10.00,10", "1E+3,1000", "0.000,0", "0.0001,0.0001", "1500.5000,1500.5",
            "123456789012345678.1234,123456789012345678.1234"})
    void normalises(String in, String out) {
        assertThat(FspiopAmount.normalise(new BigDecimal(in))).isEqualTo(out);
        assertThat(FspiopAmount.isValidAmount(out)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.00001", "-1", "1234567890123456789", "1.23456"})
    void refusesRatherThanRounds(String in) {
        assertThatThrownBy(() -> FspiopAmount.normalise(new BigDecimal(in))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moneyRecordValidatesAndSerialisesAsFspiopMoney() throws Exception {
        FspiopAmount money = FspiopAmount.of(new BigDecimal("1500.50"), "TZS");

        assertThat(money).isEqualTo(new FspiopAmount("1500.5", "TZS"));
        assertThat(money.toBigDecimal()).isEqualByComparingTo("1500.5");
        assertThat(TestResources.MAPPER.writeValueAsString(money)).isEqualTo("{\"amount\":\"1500.5\",\"currency\":\"TZS\"}");
        assertThat(TestResources.MAPPER.readValue("{\"amount\":\"10\",\"currency\":\"USD\"}", FspiopAmount.class))
                .isEqualTo(new FspiopAmount("10", "USD"));
        assertThatThrownBy(() -> TestResources.MAPPER.readValue("{\"amount\":\"10.0\",\"currency\":\"USD\"}", FspiopAmount.class))
                .isInstanceOf(ValueInstantiationException.class);
        assertThatThrownBy(() -> new FspiopAmount("10", "usd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FspiopAmount("10", "ABC")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void currencies() {
        assertThat(FspiopCurrency.isSupported("USD")).isTrue();
        assertThat(FspiopCurrency.isSupported("TZS")).isTrue();
        // In ISO 4217 but not in the FSPIOP v1.1 enumeration.
        assertThat(FspiopCurrency.isSupported("CLF")).isFalse();
        assertThat(FspiopCurrency.isSupported(null)).isFalse();
        assertThat(FspiopCurrency.all()).hasSize(164);
    }
}
