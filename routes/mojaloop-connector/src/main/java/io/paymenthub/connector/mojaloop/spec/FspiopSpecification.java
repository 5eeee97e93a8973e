package io.paymenthub.connector.mojaloop.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.paymenthub.fspiop.FspiopVersion;

/**
 * One version of the FSPIOP API as its OpenAPI document defines it (the document the Mojaloop
 * Testing Toolkit validates against, packed into this bundle at build time): which operations
 * exist and what their headers, path parameters and bodies must be.
 */
public final class FspiopSpecification {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{([^}/]+)}");

    /** An operation of the API: method and path template, with the OpenAPI nodes that define it. */
    public record Operation(String method, String template, Pattern path, List<String> parameterNames,
                            JsonNode pathItem, JsonNode definition) {
    }

    /** An operation matched by a request, with the values of its path parameters. */
    public record Match(Operation operation, Map<String, String> pathParameters) {
    }

    private final FspiopVersion version;
    private final SchemaValidator schemas;
    private final List<Operation> operations;

    private FspiopSpecification(FspiopVersion version, JsonNode document) {
        this.version = version;
        this.schemas = new SchemaValidator(document);
        this.operations = operations(document);
    }

    /** The document shipped for this version ({@code fspiop/fspiop_<major>.<minor>/api_spec.yaml}). */
    public static FspiopSpecification load(FspiopVersion version) {
        String resource = "fspiop/fspiop_" + version.major() + "." + version.minor() + "/api_spec.yaml";
        try (InputStream in = FspiopSpecification.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No FSPIOP specification " + resource + " in this bundle");
            }
            return new FspiopSpecification(version, YAML.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FspiopVersion version() {
        return version;
    }

    public List<Operation> operations() {
        return operations;
    }

    public Optional<Match> find(String method, String path) {
        for (Operation operation : operations) {
            if (!operation.method().equalsIgnoreCase(method)) {
                continue;
            }
            Matcher matcher = operation.path().matcher(path);
            if (matcher.matches()) {
                Map<String, String> values = new TreeMap<>();
                for (int i = 0; i < operation.parameterNames().size(); i++) {
                    values.put(operation.parameterNames().get(i), matcher.group(i + 1));
                }
                return Optional.of(new Match(operation, values));
            }
        }
        return Optional.empty();
    }

    /** Whether some operation has this path, whatever its method (405 rather than 404). */
    public boolean knowsPath(String path) {
        return operations.stream().anyMatch(o -> o.path().matcher(path).matches());
    }

    /**
     * Everything in this request that breaks the operation's definition: its header and path
     * parameters, and its JSON body.
     *
     * @param headers the request's headers, looked up without regard to case
     */
    public List<Violation> validate(Match match, Map<String, String> headers, String body) {
        List<Violation> violations = new ArrayList<>();
        Map<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.putAll(headers);
        for (JsonNode parameter : parameters(match.operation())) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            String value = switch (in) {
                case "header" -> caseless.get(name);
                case "path" -> match.pathParameters().get(name);
                default -> null;
            };
            String where = in + " " + name;
            if (value == null || value.isEmpty()) {
                if (parameter.path("required").asBoolean(false)) {
                    violations.add(new Violation(Violation.Kind.MISSING, where, "is required"));
                }
                continue;
            }
            JsonNode schema = parameter.path("schema");
            if (!schema.isMissingNode()) {
                violations.addAll(schemas.validate(parameterValue(value, schemas.resolve(schema)), schema, where));
            }
        }
        JsonNode requestBody = match.operation().definition().path("requestBody");
        if (!requestBody.isMissingNode()) {
            requestBody = schemas.resolve(requestBody);
            if (body == null || body.isBlank()) {
                if (requestBody.path("required").asBoolean(false)) {
                    violations.add(new Violation(Violation.Kind.MISSING, "body", "is required"));
                }
            } else {
                try {
                    JsonNode json = JSON.readTree(body);
                    JsonNode schema = requestBody.path("content").path("application/json").path("schema");
                    violations.addAll(schemas.validate(json, schema, "body"));
                } catch (JsonProcessingException e) {
                    violations.add(new Violation(Violation.Kind.MALFORMED, "body", "is not JSON: " + e.getOriginalMessage()));
                }
            }
        }
        return violations;
    }

    /** A header or path value typed as its schema says (they travel as text). */
    private static JsonNode parameterValue(String value, JsonNode schema) {
        if ("integer".equals(schema.path("type").asText()) && value.matches("-?\\d{1,18}")) {
            return JsonNodeFactory.instance.numberNode(Long.parseLong(value));
        }
        return TextNode.valueOf(value);
    }

    private List<JsonNode> parameters(Operation operation) {
        List<JsonNode> parameters = new ArrayList<>();
        for (JsonNode parameter : operation.pathItem().path("parameters")) {
            parameters.add(schemas.resolve(parameter));
        }
        for (JsonNode parameter : operation.definition().path("parameters")) {
            parameters.add(schemas.resolve(parameter));
        }
        return parameters;
    }

    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<String> names = new ArrayList<>();
            Matcher parameter = TEMPLATE_PARAMETER.matcher(path.getKey());
            StringBuilder regex = new StringBuilder();
            int last = 0;
            while (parameter.find()) {
                regex.append(Pattern.quote(path.getKey().substring(last, parameter.start()))).append("([^/]+)");
                names.add(parameter.group(1));
                last = parameter.end();
            }
            regex.append(Pattern.quote(path.getKey().substring(last)));
            Pattern compiled = Pattern.compile(regex.toString());
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (List.of("get", "put", "post", "patch", "delete").contains(method.getKey())) {
                    operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), compiled,
                            List.copyOf(names), path.getValue(), method.getValue()));
                }
            }
        }
        // A fixed segment beats a parameter: /participants/{ID}/error before /participants/{Type}/{ID}.
        operations.sort((a, b) -> Long.compare(b.template().chars().filter(c -> c == '/').count()
                - b.parameterNames().size(), a.template().chars().filter(c -> c == '/').count() - a.parameterNames().size()));
        return List.copyOf(operations);
    }
}
