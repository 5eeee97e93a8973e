package io.paymenthub.fspiop.ilp;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code JSON.stringify} of a Jackson tree, character for character. Mojaloop's fulfilment is a MAC
 * over this text, so key order (array-index keys first, then insertion order), string escapes and
 * number formatting must be JavaScript's, not Jackson's.
 */
public final class JavaScriptJson {

    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final long MAX_ARRAY_INDEX = 4294967294L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JavaScriptJson() {
    }

    /** What {@code JSON.stringify(value)} returns for the JavaScript value this tree parses to. */
    public static String stringify(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> quote(node.textValue(), out);
            case NUMBER -> out.append(number(node));
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("no JSON form for a " + node.getNodeType() + " node");
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out) {
        // JavaScript objects list integer-like keys first, ascending, then the others as inserted.
        List<Map.Entry<String, JsonNode>> indexKeys = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> otherKeys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            (isArrayIndex(e.getKey()) ? indexKeys : otherKeys).add(e);
        }
        indexKeys.sort(Comparator.comparingLong(e -> Long.parseLong(e.getKey())));
        out.append('{');
        boolean first = true;
        for (List<Map.Entry<String, JsonNode>> group : List.of(indexKeys, otherKeys)) {
            for (Map.Entry<String, JsonNode> e : group) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
            }
        }
        out.append('}');
    }

    private static boolean isArrayIndex(String key) {
        int n = key.length();
        if (n == 0 || n > 10 || (n > 1 && key.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                return false;
            }
        }
        return Long.parseLong(key) <= MAX_ARRAY_INDEX;
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean pairStart = Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (pairStart) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c)) {
                        // Control characters and lone surrogates become \\u escapes in lower-case hex.
                        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** JavaScript's number text for a numeric node: every JSON number is an IEEE double there. */
    static String number(JsonNode node) {
        if ((node.isInt() || node.isLong()) && Math.abs(node.longValue()) <= MAX_SAFE_INTEGER) {
            return Long.toString(node.longValue());
        }
        return number(node.isBigInteger() ? node.bigIntegerValue().doubleValue() : node.doubleValue());
    }

    /** ECMAScript Number::toString(10): the shortest digits that read back to the same double. */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null";
        }
        if (d == 0) {
            return "0";
        }
        if (d < 0) {
            return "-" + number(-d);
        }
        BigDecimal shortest = shortestDecimal(d).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale();
        StringBuilder out = new StringBuilder();
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(n - 1 >= 0 ? "+" : "-").append(Math.abs(n - 1));
        }
        return out.toString();
    }

    private static BigDecimal shortestDecimal(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal best = null;
            // The nearest p-digit decimal may miss d's rounding interval where it is lopsided
            // (at powers of two), while the one on the other side hits it: try both neighbours.
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal candidate = exact.round(new MathContext(precision, mode));
                if (Double.parseDouble(candidate.toString()) == d
                        && (best == null || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = candidate;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return exact;
    }
}
