package io.paymenthub.core.account;

import java.util.List;
import java.util.Objects;

/**
 * An identifier of a party: its type (MSISDN, EMAIL, PERSONAL_ID, BUSINESS, DEVICE, ACCOUNT_ID,
 * IBAN, ALIAS), its value and an optional sub-id or sub-type.
 */
public record PartyId(String type, String value, String subIdOrType) {

    /** FSPIOP's party identifier types. */
    public static final List<String> TYPES = List.of("ACCOUNT_ID", "ALIAS", "BUSINESS", "DEVICE", "EMAIL", "IBAN", "MSISDN",
            "PERSONAL_ID");
    /** The longest identifier value the hub takes from a channel or a file (FSPIOP allows 128). */
    public static final int MAX_VALUE_LENGTH = 128;

    /** Whether a channel's or a file's identifier value can be used in FSPIOP paths: 1 to 128 characters, no '/'. */
    public static boolean isValidValue(String value) {
        return value != null && !value.isBlank() && value.length() <= MAX_VALUE_LENGTH && !value.contains("/");
    }

    public PartyId {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public static PartyId of(String type, String value) {
        return new PartyId(type, value, null);
    }

    @Override
    public String toString() {
        return type + "/" + value + (subIdOrType == null ? "" : "/" + subIdOrType);
    }
}
