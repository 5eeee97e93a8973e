package io.paymenthub.fspiop.ilp;

import io.paymenthub.fspiop.FspiopAmount;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The ILP amount of an FSPIOP amount: an unsigned 64-bit count of the currency's minor units,
 * as the Mojaloop SDK computes it ({@code amount} shifted by the currency's decimal places from
 * the SDK's own table, {@code sdk-standard-components/src/lib/ilp/currency.json}). That table, not
 * ISO 4217 as published, decides: e.g. XXX and XTS have 4 decimals there, and FSPIOP currencies
 * such as XDR or VEF have no entry, so no packet can be built for them.
 */
public final class IlpAmount {

    /** 2^64 - 1, the largest OER UInt64. */
    public static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private static final Map<String, Integer> DECIMALS = decimals(
            "XOF BIF XAF CLP KMF DJF XPF GNF ISK JPY KRW PYG RWF UGX UYI VUV VND",
            ""
                + "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN "
                + "BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP "
                + "GBP GEL GHS GIP GMD GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT "
                + "LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO "
                + "NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLL SOS SRD "
                + "SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VES WST XCD YER ZAR "
                + "ZMW ZWL ",
            "BHD IQD JOD KWD LYD OMR TND",
            "CLF UYW XXX XTS");

    private IlpAmount() {
    }

    /** Decimal places the SDK uses for {@code currency}, empty when its table has no entry. */
    public static OptionalInt decimals(String currency) {
        Integer places = currency == null ? null : DECIMALS.get(currency);
        return places == null ? OptionalInt.empty() : OptionalInt.of(places);
    }

    /** Every currency of the SDK table with its decimal places. */
    public static Map<String, Integer> table() {
        return DECIMALS;
    }

    public static BigInteger toIlp(FspiopAmount amount) {
        return toIlp(amount.amount(), amount.currency());
    }

    /**
     * {@code amount} in minor units of {@code currency}. Refuses, as the SDK's ILP v4 does, an
     * amount with more decimals than the currency has ({@code USD 0.001}, {@code JPY 1500.5}) and
     * a currency outside the table; refuses also what does not fit a UInt64, which the SDK would
     * wrap around.
     *
     * @throws IlpException when no exact ILP amount exists
     */
    public static BigInteger toIlp(String amount, String currency) {
        int places = decimals(currency).orElseThrow(
                () -> new IlpException("No decimal place data available for currency " + currency));
        BigDecimal value;
        try {
            value = new BigDecimal(amount);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IlpException("not an amount: " + amount);
        }
        BigDecimal shifted = value.movePointRight(places);
        if (shifted.signum() < 0) {
            throw new IlpException("negative amount: " + amount);
        }
        if (shifted.stripTrailingZeros().scale() > 0) {
            throw new IlpException("Ilp packet `amount` after scaling should be integer: "
                    + amount + " " + currency + " has more than " + places + " decimals");
        }
        BigInteger units = shifted.toBigIntegerExact();
        if (units.compareTo(MAX) > 0) {
            throw new IlpException("amount does not fit an ILP UInt64: " + amount + " " + currency);
        }
        return units;
    }

    /** The canonical FSPIOP amount text of {@code units} minor units, e.g. 150050 TZS is {@code 1500.5}. */
    public static String fromIlp(BigInteger units, String currency) {
        int places = decimals(currency).orElseThrow(
                () -> new IlpException("No decimal place data available for currency " + currency));
        return FspiopAmount.normalise(new BigDecimal(units).movePointLeft(places));
    }

    private static Map<String, Integer> decimals(String zero, String two, String three, String four) {
        Map<String, Integer> map = new HashMap<>();
        String[] groups = {zero, null, two, three, four};
        for (int places = 0; places < groups.length; places++) {
            if (groups[places] != null) {
                for (String code : groups[places].trim().split(" ")) {
                    map.put(code, places);
                }
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
