package io.paymenthub.fineract.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Fineract's error documents: the global error response, its parameter errors and their args. */
public final class FineractErrors {

    public static final String VALIDATION_ERRORS_EXIST = "validation.msg.validation.errors.exist";
    private static final String NOT_AVAILABLE = "The requested resource is not available.";

    private FineractErrors() {
    }

    /** One ApiParameterError; each arg prints as {"value": arg}, a null arg as {}. */
    public static ObjectNode parameterError(String code, String message, String parameterName, Object... args) {
        return parameterErrorWithValue(code, message, parameterName, null, args);
    }

    public static ObjectNode parameterErrorWithValue(String code, String message, String parameterName, String value,
            Object... args) {
        ObjectNode error = Json.object();
        error.put("developerMessage", message);
        error.put("defaultUserMessage", message);
        error.put("userMessageGlobalisationCode", code);
        if (parameterName != null) {
            error.put("parameterName", parameterName);
        }
        if (value != null) {
            error.put("value", value);
        }
        ArrayNode argNodes = error.putArray("args");
        if (args != null) {
            for (Object arg : args) {
                ObjectNode argNode = argNodes.addObject();
                if (arg != null) {
                    argNode.set("value", toNode(arg));
                }
            }
        }
        return error;
    }

    /** 400 with the collected validation errors. */
    public static ApiException validation(Collection<ObjectNode> errors) {
        return badRequest(VALIDATION_ERRORS_EXIST, "Validation errors exist.", errors);
    }

    public static ApiException validation(ObjectNode error) {
        return validation(List.of(error));
    }

    public static ApiException unsupportedParameters(List<String> names) {
        List<ObjectNode> errors = names.stream()
                .map(n -> parameterError("error.msg.parameter.unsupported", "The parameter " + n + " is not supported.", n, n))
                .toList();
        return validation(errors);
    }

    public static ApiException unrecognizedQueryParameter(String name, String value, Object... supported) {
        ObjectNode error = parameterError("error.msg.query.parameter.value.unsupported",
                "The query parameter " + name + " has an unsupported value of: " + value, name, name, value, supported);
        return validation(error);
    }

    /** 403 for a broken business rule (insufficient balance, different currencies, duplicate transfer...). */
    public static ApiException domainRule(String code, String message, Object... args) {
        ObjectNode body = global(403, "validation.msg.domain.rule.violation", "Request was understood but caused a domain rule violation.",
                "Errors contain reason for domain rule violation.");
        errors(body).add(parameterError(code, message, "id", args));
        return new ApiException(403, body);
    }

    /** 403 for a database constraint (duplicate identifier). */
    public static ApiException dataIntegrity(String code, String message, String parameterName, Object... args) {
        ObjectNode body = global(403, code, "The request caused a data integrity issue to be fired by the database.", message);
        errors(body).add(parameterError(code, message, parameterName, args));
        return new ApiException(403, body);
    }

    /** 404 for a missing account, party, client or hold. */
    public static ApiException notFound(String code, String message, Object... args) {
        ObjectNode body = global(404, "error.msg.resource.not.found", NOT_AVAILABLE, NOT_AVAILABLE);
        errors(body).add(parameterError(code, message, "id", args));
        return new ApiException(404, body);
    }

    /** A blank body: Fineract answers a bare parameter error, not the global document. */
    public static ApiException invalidJson() {
        return new ApiException(400, parameterError("error.msg.invalid.request.body",
                "The JSON provided in the body of the request is invalid or missing.", "id"));
    }

    public static ApiException jsonSyntax(String detail) {
        return new ApiException(400, parameterError("error.msg.invalid.request.body",
                "The JSON syntax provided in the body of the request is invalid: " + detail, "id"));
    }

    /**
     * The container document's {@code timestamp}: always three fraction digits, as the container writes it
     * ({@code ISO_INSTANT} would drop them at a whole second).
     */
    private static final DateTimeFormatter CONTAINER_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The servlet container's error document, used for unhandled exceptions, bad tenants and bad credentials. */
    public static ObjectNode containerError(int status, String path) {
        return containerError(status, path, Instant.now());
    }

    static ObjectNode containerError(int status, String path, Instant at) {
        ObjectNode body = Json.object();
        body.put("timestamp", CONTAINER_TIMESTAMP.format(at));
        body.put("status", status);
        body.put("error", reason(status));
        body.put("path", path);
        return body;
    }

    private static ApiException badRequest(String code, String message, Collection<ObjectNode> errors) {
        ObjectNode body = global(400, code, "The request was invalid. This typically will happen due to validation errors which are provided.",
                message);
        errors(body).addAll(errors);
        return new ApiException(400, body);
    }

    private static ObjectNode global(int status, String code, String developerMessage, String defaultUserMessage) {
        ObjectNode body = Json.object();
        body.put("developerMessage", developerMessage);
        body.put("httpStatusCode", String.valueOf(status));
        body.put("defaultUserMessage", defaultUserMessage);
        body.put("userMessageGlobalisationCode", code);
        body.putArray("errors");
        return body;
    }

    private static ArrayNode errors(ObjectNode body) {
        return (ArrayNode) body.get("errors");
    }

    private static JsonNode toNode(Object arg) {
        if (arg instanceof JsonNode node) {
            return node;
        }
        if (arg instanceof BigDecimal decimal) {
            return DecimalNode.valueOf(decimal);
        }
        if (arg instanceof LocalDate date) {
            return Json.valueToTree(date.toString());
        }
        if (arg instanceof Enum<?> constant) {
            return Json.valueToTree(constant.name());
        }
        if (arg instanceof Locale locale) {
            return Json.valueToTree(locale.toString());
        }
        if (arg instanceof Object[] values) {
            ArrayNode array = Json.array();
            for (Object value : values) {
                array.add(value == null ? Json.valueToTree(null) : toNode(value));
            }
            return array;
        }
        return Json.valueToTree(arg);
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 425 -> "Too Early";
            default -> "Internal Server Error";
        };
    }
}
