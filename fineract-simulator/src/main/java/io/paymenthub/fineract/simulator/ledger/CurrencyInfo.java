package io.paymenthub.fineract.simulator.ledger;

import java.util.Currency;
import java.util.Locale;

/** A currency as Fineract describes it ({@code currency} objects of the savings API). */
public record CurrencyInfo(String code, String name, int decimalPlaces) {

    public static CurrencyInfo of(String code, Integer decimalPlaces) {
        Currency currency = Currency.getInstance(code);
        int digits = decimalPlaces != null ? decimalPlaces : Math.max(currency.getDefaultFractionDigits(), 0);
        return new CurrencyInfo(code, currency.getDisplayName(Locale.US), digits);
    }

    /** Fineract's m_currency holds the ISO 4217 list; an unknown code fails inside Fineract. */
    public static boolean isKnown(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    public String nameCode() {
        return "currency." + code;
    }

    public String displayLabel() {
        return name + " [" + code + "]";
    }
}
