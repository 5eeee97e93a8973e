package io.paymenthub.fineract.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads request bodies the way Fineract's JSON helpers do: strings are taken from any primitive and a blank one
 * counts as missing; a member that must be an object but is not (null included) is an unhandled error (500);
 * numbers in strings need a locale; dates need their dateFormat and locale.
 */
public final class JsonBody {

    private JsonBody() {
    }

    /** Parses a body; a blank body is null (Fineract rejects it later, inside the command), bad JSON is a 400. */
    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw FineractErrors.jsonSyntax(e.getOriginalMessage());
        }
    }

    public static ObjectNode requireObject(JsonNode parsed) {
        if (parsed == null || parsed.isMissingNode() || parsed.isNull()) {
            throw FineractErrors.invalidJson();
        }
        if (!parsed.isObject()) {
            throw ApiException.unhandled(500);
        }
        return (ObjectNode) parsed;
    }

    /** Fineract's checkForUnsupportedParameters: every unknown member, in body order, in one 400. */
    public static void checkSupported(ObjectNode object, Collection<String> supported) {
        List<String> unsupported = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!supported.contains(name)) {
                unsupported.add(name);
            }
        }
        if (!unsupported.isEmpty()) {
            throw FineractErrors.unsupportedParameters(unsupported);
        }
    }

    public static String string(ObjectNode object, String name) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String text = node.asText();
        return text.isBlank() ? null : text;
    }

    public static ObjectNode object(ObjectNode object, String name) {
        JsonNode node = object.get(name);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.unhandled(500);
        }
        return (ObjectNode) node;
    }

    public static ArrayNode array(ObjectNode object, String name) {
        JsonNode node = object.get(name);
        return node != null && node.isArray() ? (ArrayNode) node : null;
    }

    public static Long longValue(ObjectNode object, String name) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        BigDecimal value = decimal(object, name, locale(object) == null ? Locale.US : locale(object));
        return value == null ? null : value.longValue();
    }

    /** The body's "locale" member, or null; an unknown language is a 400 as in Fineract. */
    public static Locale locale(ObjectNode object) {
        String text = string(object, "locale");
        if (text == null) {
            return null;
        }
        String[] parts = text.split("_");
        String language = parts[0].toLowerCase(Locale.ROOT);
        if (!Arrays.asList(Locale.getISOLanguages()).contains(language)) {
            throw FineractErrors.validation(FineractErrors.parameterError("validation.msg.invalid.locale.format",
                    "The parameter locale has an invalid language value " + parts[0] + " .", "locale", parts[0]));
        }
        return parts.length > 1 ? new Locale(language, parts[1].toUpperCase(Locale.ROOT)) : new Locale(language);
    }

    /** A decimal member: JSON numbers as they are, strings parsed with the locale (a 400 when missing or unparsable). */
    public static BigDecimal decimal(ObjectNode object, String name, Locale locale) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        String text = node.asText();
        if (text.isBlank()) {
            return null;
        }
        if (locale == null) {
            throw FineractErrors.validation(FineractErrors.parameterError("validation.msg.missing.locale.parameter",
                    "The parameter `" + name + "` requires a `locale` parameter to be passed with it.", name));
        }
        DecimalFormat format = (DecimalFormat) NumberFormat.getNumberInstance(locale);
        format.setParseBigDecimal(true);
        ParsePosition position = new ParsePosition(0);
        String source = text.trim();
        Number parsed = format.parse(source, position);
        if (parsed == null || position.getErrorIndex() != -1 || position.getIndex() != source.length()) {
            throw FineractErrors.validation(FineractErrors.parameterErrorWithValue("validation.msg.invalid.decimal.format",
                    "The parameter `" + name + "` has value: " + text + " which is invalid decimal value for provided locale of ["
                            + locale + "].",
                    name, text, text, locale));
        }
        return (BigDecimal) parsed;
    }

    /** A date-time member parsed strictly with the given pattern (Fineract swaps y for u to resolve strictly). */
    public static LocalDateTime dateTime(ObjectNode object, String name, String pattern, Locale locale) {
        String text = primitiveText(object, name);
        if (text == null) {
            return null;
        }
        try {
            DateTimeFormatter formatter = new DateTimeFormatterBuilder().parseCaseInsensitive().parseLenient()
                    .appendPattern(pattern.replace("y", "u")).toFormatter(locale).withResolverStyle(ResolverStyle.STRICT);
            return text.isBlank() ? null : LocalDateTime.parse(text, formatter);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalidDate(name, pattern, locale);
        }
    }

    /** A date member of the savings API: needs the body's dateFormat and locale. */
    public static LocalDate date(ObjectNode object, String name) {
        String text = primitiveText(object, name);
        if (text == null || text.isBlank()) {
            return null;
        }
        String pattern = string(object, "dateFormat");
        Locale locale = locale(object);
        if (pattern == null || locale == null) {
            List<ObjectNode> errors = new ArrayList<>();
            if (pattern == null) {
                errors.add(FineractErrors.parameterError("validation.msg.missing.dateFormat.parameter",
                        "The parameter `" + name + "` requires a `dateFormat` parameter to be passed with it.", name));
            }
            if (locale == null) {
                errors.add(FineractErrors.parameterError("validation.msg.missing.locale.parameter",
                        "The parameter `" + name + "` requires a `locale` parameter to be passed with it.", name));
            }
            throw FineractErrors.validation(errors);
        }
        try {
            DateTimeFormatter formatter = new DateTimeFormatterBuilder().parseCaseInsensitive().parseLenient()
                    .appendPattern(pattern.replace("y", "u")).optionalStart().appendPattern(" HH:mm:ss").optionalEnd()
                    .parseDefaulting(ChronoField.HOUR_OF_DAY, 0).parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
                    .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0).toFormatter(locale).withResolverStyle(ResolverStyle.STRICT);
            return LocalDateTime.parse(text, formatter).toLocalDate();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalidDate(name, pattern, locale);
        }
    }

    private static String primitiveText(ObjectNode object, String name) {
        JsonNode node = object.get(name);
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    private static ApiException invalidDate(String name, String pattern, Locale locale) {
        return FineractErrors.validation(FineractErrors.parameterError("validation.msg.invalid.dateFormat.format",
                "The parameter `" + name + "` is invalid based on the dateFormat: `" + pattern + "` and locale: `" + locale
                        + "` provided:",
                name, null, pattern));
    }
}
