package io.paymenthub.core.account;

import java.util.Objects;

/**
 * An identifier of a party: its type (MSISDN, EMAIL, PERSONAL_ID, BUSINESS, DEVICE, ACCOUNT_ID,
 * IBAN, ALIAS), its value and an optional sub-id or sub-type.
 */
public record PartyId(String type, String value, String subIdOrType) {

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
