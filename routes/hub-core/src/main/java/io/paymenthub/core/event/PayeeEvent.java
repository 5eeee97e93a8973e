package io.paymenthub.core.event;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.paymenthub.core.step.Emit;

/**
 * What the payee flow tells the rest of the hub about money coming to a tenant's customer, on
 * the persistent queue {@value #QUEUE} (the fields as JMS properties, no body), sent in the JMS
 * transaction of the request it answers: a quote given for a request to pay (QUOTED: the
 * transaction that will pay it), and a payee credited (CREDITED) by a transfer for such a quote
 * (the payee flow does not tell of other payments), or on the switch's PATCH for a tenant that
 * reserves first. A request to pay learns from them that it was paid.
 *
 * @param transactionRequestId QUOTED: the request to pay the quote is for
 * @param quoteId              QUOTED: the quote
 * @param transferId           CREDITED: the transfer credited
 * @param amount               CREDITED: what the payee was credited
 */
public record PayeeEvent(Kind kind, String tenant, String transactionId, String transactionRequestId, String quoteId,
                         String transferId, BigDecimal amount, String currency) {

    public static final String QUEUE = "payee.events";

    public enum Kind { QUOTED, CREDITED }

    private static final String KIND = "payeeEvent";
    private static final String TENANT = "hubTenant";
    private static final String TRANSACTION_ID = "payeeTransactionId";
    private static final String TRANSACTION_REQUEST_ID = "payeeTransactionRequestId";
    private static final String QUOTE_ID = "payeeQuoteId";
    private static final String TRANSFER_ID = "payeeTransferId";
    private static final String AMOUNT = "payeeAmount";
    private static final String CURRENCY = "payeeCurrency";

    public static PayeeEvent quoted(String tenant, String transactionId, String transactionRequestId, String quoteId) {
        return new PayeeEvent(Kind.QUOTED, tenant, transactionId, transactionRequestId, quoteId, null, null, null);
    }

    public static PayeeEvent credited(String tenant, String transactionId, String transferId, BigDecimal amount, String currency) {
        return new PayeeEvent(Kind.CREDITED, tenant, transactionId, null, null, transferId, amount, currency);
    }

    /** The JMS properties that carry the event; amounts as plain decimal strings. */
    public Map<String, Object> headers() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(KIND, kind.name());
        headers.put(TENANT, tenant);
        put(headers, TRANSACTION_ID, transactionId);
        put(headers, TRANSACTION_REQUEST_ID, transactionRequestId);
        put(headers, QUOTE_ID, quoteId);
        put(headers, TRANSFER_ID, transferId);
        put(headers, AMOUNT, amount == null ? null : amount.toPlainString());
        put(headers, CURRENCY, currency);
        return headers;
    }

    /** The event as a message to send on {@value #QUEUE}. */
    public Emit emit() {
        return Emit.of(QUEUE, headers());
    }

    public static PayeeEvent fromHeaders(Map<String, Object> headers) {
        Object amount = headers.get(AMOUNT);
        return new PayeeEvent(Kind.valueOf(text(headers, KIND)), text(headers, TENANT), text(headers, TRANSACTION_ID),
                text(headers, TRANSACTION_REQUEST_ID), text(headers, QUOTE_ID), text(headers, TRANSFER_ID),
                amount == null ? null : new BigDecimal(amount.toString()), text(headers, CURRENCY));
    }

    private static void put(Map<String, Object> headers, String name, Object value) {
        if (value != null) {
            headers.put(name, value);
        }
    }

    private static String text(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        return value == null ? null : value.toString();
    }
}
