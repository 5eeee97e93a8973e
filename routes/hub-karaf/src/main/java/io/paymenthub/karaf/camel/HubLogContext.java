package io.paymenthub.karaf.camel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.engine.MDCUnitOfWork;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.spi.UnitOfWorkFactory;
import org.slf4j.MDC;

import io.paymenthub.core.route.LogContext;

/**
 * The tenant and the business ids of the message being routed, in the log's MDC ({@link LogContext}'s
 * keys) beside Camel's own ({@code camel.routeId},
 * {@code camel.exchangeId}...), so that every log line of a transfer, on whichever route and
 * node, can be found by its id. They are read from the hub's message headers before each step and
 * cleared after it, as Camel's MDC unit of work does with its keys.
 */
public final class HubLogContext implements UnitOfWorkFactory {

    /** The headers that carry each key, as the flows name them (payer, payee, request and bulk flows, the FSPIOP edge). */
    private static final List<String> TENANT_HEADERS = List.of("hubTenant");
    private static final List<String> TRANSFER_HEADERS = List.of("payerTransferId", "payeeTransferId");
    private static final List<String> REQUEST_HEADERS = List.of("hubRequestId", "transactionRequestId", "payeeTransactionRequestId");
    private static final List<String> BATCH_HEADERS = List.of("batchId");
    /** A message of the switch names its transfer or request in its path (a callback) or body (a POST, read at the gate). */
    private static final String FSPIOP_PATH = "fspiopPath";
    private static final String FSPIOP_RESOURCE_ID = "fspiopResourceId";
    private static final Pattern FSPIOP_ID_PATH = Pattern.compile("^/(transfers|transactionRequests)(?:/([^/?]+))?");
    private static final List<String> KEYS = List.of(LogContext.TENANT, LogContext.TRANSFER_ID, LogContext.REQUEST_ID, LogContext.BATCH_ID);

    @Override
    public UnitOfWork createUnitOfWork(Exchange exchange) {
        return new LoggedUnitOfWork(exchange, exchange.getContext());
    }

    /**
     * Puts the message's keys in the MDC. A key the message does not carry keeps its value: a call
     * made inside a step (to core banking, through another context) logs under the step's keys.
     */
    static void put(Message message) {
        set(LogContext.TENANT, first(message, TENANT_HEADERS));
        String transferId = first(message, TRANSFER_HEADERS);
        String requestId = first(message, REQUEST_HEADERS);
        String path = message.getHeader(FSPIOP_PATH, String.class);
        Matcher matcher = path == null ? null : FSPIOP_ID_PATH.matcher(path);
        if (matcher != null && matcher.find()) {
            String id = matcher.group(2) != null ? matcher.group(2) : message.getHeader(FSPIOP_RESOURCE_ID, String.class);
            if ("transfers".equals(matcher.group(1)) && transferId == null) {
                transferId = id;
            } else if ("transactionRequests".equals(matcher.group(1)) && requestId == null) {
                requestId = id;
            }
        }
        set(LogContext.TRANSFER_ID, transferId);
        set(LogContext.REQUEST_ID, requestId);
        set(LogContext.BATCH_ID, first(message, BATCH_HEADERS));
    }

    private static String first(Message message, List<String> headers) {
        for (String header : headers) {
            String value = message.getHeader(header, String.class);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static void set(String key, String value) {
        if (value != null) {
            MDC.put(key, value.length() > 64 ? value.substring(0, 64) : value);
        }
    }

    private static final class LoggedUnitOfWork extends MDCUnitOfWork {

        /** The keys' values before this exchange (a step's, when this is a call inside it), put back when it is done. */
        private Map<String, String> original;

        LoggedUnitOfWork(Exchange exchange, CamelContext context) {
            super(exchange, context.getInflightRepository(), null, context.isAllowUseOriginalMessage(), context.isUseBreadcrumb());
        }

        @Override
        protected void prepareMDC(Exchange exchange) {
            super.prepareMDC(exchange);
            if (original == null) { // the first time: from the constructor
                original = new HashMap<>();
                for (String key : KEYS) {
                    original.put(key, MDC.get(key));
                }
            }
            put(exchange.getMessage());
        }

        @Override
        public UnitOfWork newInstance(Exchange exchange) {
            return new LoggedUnitOfWork(exchange, exchange.getContext());
        }

        @Override
        public void clear() {
            super.clear();
            for (String key : KEYS) {
                String value = original == null ? null : original.get(key);
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            }
        }
    }
}
