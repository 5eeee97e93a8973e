package io.paymenthub.connector.mojaloop.spec;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * OpenAPI patterns are ECMAScript regular expressions. The FSPIOP documents use Unicode property
 * escapes that Java spells differently ({@code \p{gc=Mark}} is Java's {@code \p{M}}); this turns
 * them into Java's spelling so that a name such as "Zoë Ñúñez" is judged as the switch judges it.
 */
final class EcmaPatterns {

    private static final Map<String, String> PROPERTIES = Map.of(
            "\\p{gc=Mark}", "\\p{M}",
            "\\p{digit}", "\\p{IsDigit}",
            "\\p{gc=Connector_Punctuation}", "\\p{Pc}",
            "\\p{Join_Control}", "\\p{IsJoin_Control}",
            "\\p{L}", "\\p{L}");

    private EcmaPatterns() {
    }

    static Pattern compile(String ecmaPattern) {
        String java = ecmaPattern;
        for (Map.Entry<String, String> property : PROPERTIES.entrySet()) {
            java = java.replace(property.getKey(), property.getValue());
        }
        return Pattern.compile(java);
    }
}
