package io.paymenthub.fspiop.ilp;

import io.paymenthub.fspiop.FspiopAmount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IlpAmountTest {

    @ParameterizedTest
    @CsvSource({"10,USD,1000", "1500.5,TZS,150050", "1500,JPY,1500", "0.001,BHD,1", "0.0001,XTS,1", "0,XOF,0",
            "999999999999999.99,USD,99999999999999999", "18446744073709551615,JPY,18446744073709551615", "10.50,EUR,1050"})
    void scalesToMinorUnits(String amount, String currency, String units) {
        assertThat(IlpAmount.toIlp(amount, currency)).isEqualTo(new BigInteger(units));
    }

    @Test
    void refusesWhatTheSdkRefusesAndWhatDoesNotFit() {
        assertThatThrownBy(() -> IlpAmount.toIlp("0.001", "USD")).isInstanceOf(IlpException.class).hasMessageContaining("should be integer");
        assertThatThrownBy(() -> IlpAmount.toIlp("1500.5", "JPY")).isInstanceOf(IlpException.class).hasMessageContaining("should be integer");
        assertThatThrownBy(() -> IlpAmount.toIlp("1", "XDR")).isInstanceOf(IlpException.class).hasMessageContaining("No decimal place data");
        assertThatThrownBy(() -> IlpAmount.toIlp("18446744073709551616", "JPY")).isInstanceOf(IlpException.class).hasMessageContaining("UInt64");
        assertThatThrownBy(() -> IlpAmount.toIlp("-1", "USD")).isInstanceOf(IlpException.class);
        assertThatThrownBy(() -> IlpAmount.toIlp("ten", "USD")).isInstanceOf(IlpException.class);
        assertThatThrownBy(() -> IlpAmount.toIlp(null, "USD")).isInstanceOf(IlpException.class);
    }

    @Test
    void convertsBack() {
        assertThat(IlpAmount.fromIlp(BigInteger.valueOf(150050), "TZS")).isEqualTo("1500.5");
        assertThat(IlpAmount.fromIlp(BigInteger.valueOf(1000), "USD")).isEqualTo("10");
        assertThat(IlpAmount.fromIlp(BigInteger.ONE, "CLF")).isEqualTo("0.0001");
        assertThat(IlpAmount.toIlp(new FspiopAmount("1500.5", "TZS"))).isEqualTo(BigInteger.valueOf(150050));
    }

    @Test
    void tableHasTheSdksOddities() {
        assertThat(IlpAmount.decimals("XXX")).hasValue(4);
        assertThat(IlpAmount.decimals("KWD")).hasValue(3);
        assertThat(IlpAmount.decimals("UGX")).hasValue(0);
        assertThat(IlpAmount.decimals("VEF")).isEmpty();
        assertThat(IlpAmount.decimals(null)).isEmpty();
        assertThat(IlpAmount.table()).hasSize(168);
    }
}
