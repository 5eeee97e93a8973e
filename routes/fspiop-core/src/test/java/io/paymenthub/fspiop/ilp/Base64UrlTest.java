package io.paymenthub.fspiop.ilp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Base64UrlTest {

    private static final byte[] BYTES = {(byte) 0xFB, (byte) 0xFF, (byte) 0xBF, 0x01};

    @Test
    void writesUrlAlphabetWithoutPadding() {
        assertThat(Base64Url.encode(BYTES)).isEqualTo("-_-_AQ");
    }

    @Test
    void readsBothAlphabetsWithOrWithoutPadding() {
        assertThat(Base64Url.decode("-_-_AQ")).isEqualTo(BYTES);
        assertThat(Base64Url.decode("+/+/AQ==")).isEqualTo(BYTES);
        assertThat(Base64Url.decode("")).isEmpty();
    }

    @Test
    void refusesOtherCharacters() {
        assertThatThrownBy(() -> Base64Url.decode("ab cd")).isInstanceOf(IlpException.class);
        assertThatThrownBy(() -> Base64Url.decode("a")).isInstanceOf(IlpException.class);
        assertThatThrownBy(() -> Base64Url.decode(null)).isInstanceOf(IlpException.class);
        assertThatThrownBy(() -> Base64Url.decode("x".repeat(100) + "!")).hasMessageContaining("...");
    }
}
