package io.paymenthub.fspiop.ilp;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** ILP addresses (IL-RFC 15) as {@code ilp-packet} validates them. */
final class IlpAddress {

    /** The fixed ILP v4 destination of Mojaloop: parties are named in the transaction object instead. */
    static final String MOJALOOP = "g.mojaloop";

    private static final Pattern ADDRESS =
            Pattern.compile("^(g|private|example|peer|self|test[1-3]?|local)([.][a-zA-Z0-9_~-]+)+$");
    private static final int MAX_LENGTH = 1023;

    private IlpAddress() {
    }

    static boolean isValid(String address) {
        return address != null && address.length() <= MAX_LENGTH && ADDRESS.matcher(address).matches();
    }

    /**
     * The address bytes as characters, one per byte. Lossless, unlike Node's 'ascii' decoding
     * (which clears the high bit), so that a packet read and written again keeps its bytes.
     */
    static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
