package io.paymenthub.connector.mojaloop.spec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Validates a JSON value against a schema of an OpenAPI 3.0 document: the part of JSON Schema
 * the FSPIOP specification uses ({@code $ref}, {@code allOf}, {@code oneOf}, {@code type},
 * {@code properties}, {@code required}, {@code enum}, {@code pattern}, {@code minLength},
 * {@code maxLength}, {@code items}, {@code minItems}, {@code maxItems}, {@code maximum}). Every
 * rule comes from the document; nothing about FSPIOP is written here.
 */
final class SchemaValidator {

    private final JsonNode document;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    SchemaValidator(JsonNode document) {
        this.document = document;
    }

    List<Violation> validate(JsonNode value, JsonNode schema, String where) {
        List<Violation> violations = new ArrayList<>();
        check(value, schema, where, violations);
        return violations;
    }

    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; current.has("$ref"); depth++) {
            if (depth > 32) {
                throw new IllegalStateException("$ref cycle at " + node);
            }
            current = document.at(current.get("$ref").asText().substring(1));
            if (current.isMissingNode()) {
                throw new IllegalStateException("Unresolvable " + node.get("$ref"));
            }
        }
        return current;
    }

    private void check(JsonNode value, JsonNode schemaOrRef, String where, List<Violation> violations) {
        JsonNode schema = resolve(schemaOrRef);
        if (schema.has("allOf")) {
            for (JsonNode part : schema.get("allOf")) {
                check(value, part, where, violations);
            }
        }
        if (schema.has("oneOf")) {
            int matching = 0;
            List<Violation> firstFailure = null;
            for (JsonNode option : schema.get("oneOf")) {
                List<Violation> attempt = validate(value, option, where);
                if (attempt.isEmpty()) {
                    matching++;
                } else if (firstFailure == null) {
                    firstFailure = attempt;
                }
            }
            if (matching != 1) {
                violations.add(new Violation(Violation.Kind.INVALID, where, matching == 0
                        ? "matches none of the allowed forms (" + firstFailure + ")" : "matches more than one allowed form"));
            }
        }
        String type = schema.path("type").asText(null);
        if (type != null && !hasType(value, type)) {
            violations.add(new Violation(Violation.Kind.INVALID, where, "must be a JSON " + type));
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            violations.add(new Violation(Violation.Kind.INVALID, where, "must be one of " + schema.get("enum")));
        }
        if (value.isTextual()) {
            checkText(value.asText(), schema, where, violations);
        }
        if (value.isNumber() && schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
            violations.add(new Violation(Violation.Kind.INVALID, where, "must be at most " + schema.get("maximum")));
        }
        if (value.isObject()) {
            checkObject(value, schema, where, violations);
        }
        if (value.isArray()) {
            checkArray(value, schema, where, violations);
        }
    }

    private void checkText(String text, JsonNode schema, String where, List<Violation> violations) {
        if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
            violations.add(new Violation(Violation.Kind.INVALID, where, "must be at least " + schema.get("minLength") + " characters"));
        }
        if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
            violations.add(new Violation(Violation.Kind.INVALID, where, "must be at most " + schema.get("maxLength") + " characters"));
        }
        if (schema.has("pattern")) {
            String regex = schema.get("pattern").asText();
            if (!patterns.computeIfAbsent(regex, EcmaPatterns::compile).matcher(text).find()) {
                violations.add(new Violation(Violation.Kind.INVALID, where, "does not match " + regex));
            }
        }
    }

    private void checkObject(JsonNode value, JsonNode schema, String where, List<Violation> violations) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText()) || value.get(required.asText()).isNull()) {
                violations.add(new Violation(Violation.Kind.MISSING, join(where, required.asText()), "is required"));
            }
        }
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), join(where, field.getKey()), violations);
            }
        }
    }

    private void checkArray(JsonNode value, JsonNode schema, String where, List<Violation> violations) {
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            violations.add(new Violation(Violation.Kind.INVALID, where, "must have at least " + schema.get("minItems") + " items"));
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            violations.add(new Violation(Violation.Kind.INVALID, where, "must have at most " + schema.get("maxItems") + " items"));
        }
        if (schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), where + "[" + i + "]", violations);
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode allowed : values) {
            if (allowed.equals(value) || (allowed.isTextual() && value.isTextual() && allowed.asText().equals(value.asText()))) {
                return true;
            }
        }
        return false;
    }

    private static String join(String where, String field) {
        return where.isEmpty() ? field : where + "." + field;
    }
}
