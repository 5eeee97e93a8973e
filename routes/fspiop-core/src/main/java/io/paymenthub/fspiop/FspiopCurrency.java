package io.paymenthub.fspiop;

import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ISO 4217 codes the FSPIOP v1.1 {@code Currency} type enumerates: what the Testing Toolkit's
 * schema validation accepts. A code outside this list is answered 3100 there, so the hub refuses
 * it before sending.
 */
public final class FspiopCurrency {

    private static final Set<String> CODES = Collections.unmodifiableSet(new TreeSet<>(Arrays.asList((
            ""
            + "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN "
            + "BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL "
            + "GGP GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS IMP INR IQD IRR ISK JEP JMD JOD JPY KES "
            + "KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRO MUR MVR "
            + "MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR "
            + "SBD SCR SDG SEK SGD SHP SLL SOS SPL SRD STD SVC SYP SZL THB TJS TMT TND TOP TRY TTD TVD TWD TZS "
            + "UAH UGX USD UYU UZS VEF VND VUV WST XAF XCD XDR XOF XPF XTS XXX YER ZAR ZMW ZWD ").trim().split(" "))));

    private FspiopCurrency() {
    }

    public static boolean isSupported(String currency) {
        return currency != null && CODES.contains(currency);
    }

    /** All codes, sorted. */
    public static Set<String> all() {
        return CODES;
    }
}
