package io.paymenthub.fspiop.ilp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The transaction object a payee seals into the ILP packet's {@code data}: JSON text, base64url
 * encoded, its ASCII bytes being the data. The fulfilment is a MAC over the exact
 * {@code JSON.stringify} text, so the tree keeps its key order and is always written with
 * {@link JavaScriptJson}. Kept as a Jackson tree because peers build it in different shapes and
 * orders (the SDK, the Testing Toolkit); a packet is only ever re-read, never rebuilt.
 */
public final class TransactionObject {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode tree;

    private TransactionObject(ObjectNode tree) {
        this.tree = tree;
    }

    /** A copy of {@code tree}, in its key order. */
    public static TransactionObject of(ObjectNode tree) {
        return new TransactionObject(Objects.requireNonNull(tree, "tree").deepCopy());
    }

    /**
     * What the Mojaloop SDK seals for a quote ({@code dto.transactionObjectDto}): from the POST
     * /quotes body quoteId, transactionId, transactionType, payee, payer; from the PUT /quotes body
     * expiration, transferAmount (as {@code amount}) and note when not empty; in that order, members
     * missing from the bodies left out.
     */
    public static TransactionObject fromQuote(JsonNode quoteRequest, JsonNode quoteResponse) {
        ObjectNode tree = MAPPER.createObjectNode();
        copy(quoteRequest, "quoteId", tree, "quoteId");
        copy(quoteRequest, "transactionId", tree, "transactionId");
        copy(quoteRequest, "transactionType", tree, "transactionType");
        copy(quoteRequest, "payee", tree, "payee");
        copy(quoteRequest, "payer", tree, "payer");
        copy(quoteResponse, "expiration", tree, "expiration");
        copy(quoteResponse, "transferAmount", tree, "amount");
        JsonNode note = quoteResponse.get("note");
        if (isTruthy(note)) {
            tree.set("note", note.deepCopy());
        }
        return new TransactionObject(tree);
    }

    /** Parses JSON text, e.g. one stored earlier; it must be an object. */
    public static TransactionObject parse(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IlpException("transaction object is not a JSON object");
            }
            return new TransactionObject((ObjectNode) node);
        } catch (JsonProcessingException e) {
            throw new IlpException("transaction object is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads the packet's {@code data}: ASCII base64url of the UTF-8 JSON text. */
    public static TransactionObject fromIlpData(byte[] data) {
        String base64url = new String(data, StandardCharsets.US_ASCII);
        return parse(new String(Base64Url.decode(base64url), StandardCharsets.UTF_8));
    }

    /** The packet's {@code data} for this object. */
    public byte[] toIlpData() {
        return Base64Url.encode(toJson().getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code JSON.stringify} of the object: the text the fulfilment is computed over. */
    public String toJson() {
        return JavaScriptJson.stringify(tree);
    }

    /** A copy of the tree. */
    public ObjectNode tree() {
        return tree.deepCopy();
    }

    /**
     * The scalar at {@code path} as text (numbers in JavaScript's notation), e.g.
     * {@code text("payee", "partyIdInfo", "fspId")}; empty when absent, null or not a scalar.
     */
    public Optional<String> text(String... path) {
        JsonNode node = tree;
        for (String name : path) {
            node = node.path(name);
        }
        if (node.isTextual()) {
            return Optional.of(node.textValue());
        }
        if (node.isNumber()) {
            return Optional.of(JavaScriptJson.number(node));
        }
        if (node.isBoolean()) {
            return Optional.of(Boolean.toString(node.booleanValue()));
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionObject other && toJson().equals(other.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }

    private static void copy(JsonNode from, String name, ObjectNode to, String as) {
        JsonNode value = from.get(name);
        if (value != null) {
            to.set(as, value.deepCopy());
        }
    }

    // The SDK writes `...(note && { note })`: JavaScript truthiness.
    private static boolean isTruthy(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isTextual()) {
            return !node.textValue().isEmpty();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            double d = node.doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        return true;
    }
}
