package io.paymenthub.flow.payer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.mojaloop.dispatch.FspiopCallbackRegistry;
import io.paymenthub.connector.mojaloop.inbound.InboundMessage;
import io.paymenthub.connector.mojaloop.outbound.OutboundMessage;
import io.paymenthub.core.step.AtOnce;
import io.paymenthub.core.step.Emit;

/**
 * Stands for the switch and the hub's own FSPIOP connector in the flow tests: takes what the flows
 * put on fspiop.outbound, hands requests to the payee flow's queues of the tenant they are for, and
 * callbacks to the queue their request registered, as the connector's dispatcher does. It can be
 * told to lose lookups, quotes or POST /transfers, to answer them (or POST /bulkTransfers) with an error, or to leave GET /transfers unanswered;
 * otherwise it answers GET /transfers from what it saw, or 3208. It can be slow to answer, or silent.
 * Given to the flows as their {@link AtOnce}, it takes their messages in the consumer that made them, as the connector's
 * sender does, instead of from the queue.
 */
public class SwitchDouble extends RouteBuilder implements AtOnce {

    record Waiting(String replyTo, String correlation, int priority) {
    }

    private final Map<String, String> fspOfTenant;
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final Map<String, String> transferOutcomes = new ConcurrentHashMap<>();
    /** Every request and callback it was given: method and path (a queue: each message adds one at constant cost). */
    private final java.util.Queue<String> seen = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** The body of the last request or callback of each method and path. */
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    /**
     * Whether it keeps what it saw ({@link #seen()}, {@link #body(String)}) for a test to check; a long benchmark turns
     * it off, so that the heap it samples is the hub's and not a record of every message.
     */
    public volatile boolean remembers = true;
    volatile boolean loseTransfers;
    /** Per method and resource ("POST quotes"): how many of the next such requests are lost on the way (-1: all). */
    private final Map<String, AtomicInteger> toLose = new ConcurrentHashMap<>();
    volatile boolean silentOnStatus;
    /** When set: every request and callback is delivered to the hub twice (a duplicate storm). */
    public volatile boolean duplicate;
    private final java.util.concurrent.atomic.AtomicLong delivered = new java.util.concurrent.atomic.AtomicLong();
    /** When above 0: every answer (a callback, or the switch's own) reaches the hub this late, as from a slow switch. */
    public volatile long answerDelayMillis;
    /**
     * When set: the switch takes every message and hands nothing on, not even answers already on
     * their way (a silent switch); it still knows what it took when asked once it speaks again.
     */
    public volatile boolean silent;
    private volatile java.util.concurrent.ScheduledExecutorService later;
    /** When set: the error GET /transfers is answered with, whatever the switch saw. */
    volatile String statusError;
    volatile String transferError;
    /** When set: POST /transfers is answered COMMITTED at once with this fulfilment, the payee never asked. */
    volatile String forgedFulfilment;

    /**
     * How many messages it takes at once: one in the flow tests; a benchmark gives it more, so that the stand-in switch, whose
     * every hand-on is a persistent send waiting for the broker's disk, is not what limits the hub it measures.
     */
    public volatile int consumers = 1;

    /**
     * The switch's oracle, when set: the tenant that holds each party (its {@code Type/ID}), to which a lookup goes with
     * that tenant's FSP as destination, as a switch's account lookup service sends it to the one FSP its oracle names.
     * Unset, or a party it does not hold: the lookup goes without destination, and the hub asks every tenant.
     */
    public volatile Map<String, String> oracle = Map.of();

    public SwitchDouble(Map<String, String> fspOfTenant) {
        this.fspOfTenant = fspOfTenant;
    }

    /** One template for every message: each template holds its own producers, and one per message would never be freed. */
    private volatile ProducerTemplate template;

    private ProducerTemplate producer(Exchange exchange) {
        ProducerTemplate out = template;
        if (out == null) {
            synchronized (this) {
                if (template == null) {
                    template = exchange.getContext().createProducerTemplate();
                }
                out = template;
            }
        }
        return out;
    }

    /** A message for fspiop.outbound, taken in the caller's thread as the switch takes what the connector sends at once. */
    @Override
    public boolean send(String queue, Map<String, Object> headers, String body) {
        if (!OutboundMessage.QUEUE.equals(queue)) {
            return false;
        }
        Exchange exchange = new org.apache.camel.support.DefaultExchange(getContext());
        exchange.getMessage().setHeaders(new HashMap<>(headers));
        exchange.getMessage().setBody(body);
        try {
            route(exchange);
        } catch (Exception e) {
            return false;
        }
        return true;
    }

    @Override
    public void configure() {
        from("jms:queue:" + OutboundMessage.QUEUE + "?concurrentConsumers=" + consumers).routeId("switch-double").process(this::route);
    }

    private void route(Exchange exchange) throws Exception {
        Message m = exchange.getMessage();
        String tenant = m.getHeader(OutboundMessage.TENANT, String.class);
        String method = m.getHeader(OutboundMessage.METHOD, String.class);
        String path = m.getHeader(OutboundMessage.PATH, String.class);
        String resource = m.getHeader(OutboundMessage.RESOURCE, String.class);
        String body = m.getBody(String.class);
        String source = fspOfTenant.get(tenant);
        if (remembers) {
            seen.add(method + " " + path);
            bodies.put(method + " " + path, body == null ? "" : body);
        }
        ProducerTemplate out = producer(exchange);
        if (m.getHeader(OutboundMessage.REPLY_TO) != null) {
            String key = FspiopCallbackRegistry.keyOfRequest(resource, path,
                    body == null || body.isEmpty() ? null : new ObjectMapper().readTree(body));
            waiting.put(tenant + "|" + resource + "|" + key,
                    new Waiting(m.getHeader(OutboundMessage.REPLY_TO, String.class), m.getHeader(OutboundMessage.CORRELATION, String.class),
                            m.getHeader(Emit.PRIORITY_HEADER, Emit.NORMAL_PRIORITY, Integer.class)));
        }
        if ("PUT".equals(method)) {
            String destinationTenant = tenantOf(m.getHeader(OutboundMessage.DESTINATION, String.class));
            if ("transfers".equals(resource) && !path.endsWith("/error")) {
                transferOutcomes.put(FspiopCallbackRegistry.keyOfCallback(path), body);
            }
            Waiting w = waiting.get(destinationTenant + "|" + resource + "|" + FspiopCallbackRegistry.keyOfCallback(path));
            if (w != null) {
                Map<String, Object> headers = inbound(destinationTenant, method, path, resource, source);
                headers.put(OutboundMessage.CORRELATION, w.correlation());
                headers.put(OutboundMessage.ERROR_CALLBACK, path.endsWith("/error"));
                // At its request's priority, as the hub's inbound side hands callbacks on (FspiopCallbackRegistry).
                deliver(out, "jms:queue:" + w.replyTo() + "?explicitQosEnabled=true&deliveryPersistent=true&priority=" + w.priority(), body,
                        headers, true);
            }
            return;
        }
        AtomicInteger losing = toLose.get(method + " " + resource);
        if (losing != null && losing.getAndUpdate(n -> n > 0 ? n - 1 : n) != 0) {
            return; // as on a connection closed under the request: nobody answers, nobody says so
        }
        if ("GET".equals(method) && "parties".equals(resource)) {
            String holder = oracle.getOrDefault(FspiopCallbackRegistry.keyOfCallback(path), "*");
            deliver(out, "jms:queue:fspiop.requests.parties", "", inbound(holder, method, path, resource, source), false);
            return;
        }
        if ("GET".equals(method) && "transfers".equals(resource)) {
            String id = FspiopCallbackRegistry.keyOfCallback(path);
            String outcome = transferOutcomes.get(id);
            if (statusError != null) {
                answer(out, tenant, "/transfers/" + id + "/error", statusError, true);
            } else if (outcome != null) {
                answer(out, tenant, "/transfers/" + id, outcome, false);
            } else if (!silentOnStatus) {
                answer(out, tenant, "/transfers/" + id + "/error",
                        "{\"errorInformation\":{\"errorCode\":\"3208\",\"errorDescription\":\"Transfer ID not found\"}}", true);
            }
            return;
        }
        if ("POST".equals(method) && "transfers".equals(resource) && forgedFulfilment != null) {
            String id = new ObjectMapper().readTree(body).path("transferId").asText();
            answer(out, tenant, "/transfers/" + id, "{\"fulfilment\":\"" + forgedFulfilment
                    + "\",\"completedTimestamp\":\"2026-11-30T10:00:00.000Z\",\"transferState\":\"COMMITTED\"}", false);
            return;
        }
        if ("POST".equals(method) && "bulkTransfers".equals(resource) && transferError != null) {
            String id = new ObjectMapper().readTree(body).path("bulkTransferId").asText();
            answer(out, tenant, "bulkTransfers", "/bulkTransfers/" + id + "/error", transferError, true);
            return;
        }
        if ("transfers".equals(resource) && (loseTransfers || transferError != null)) {
            if (transferError != null) {
                String id = new ObjectMapper().readTree(body).path("transferId").asText();
                answer(out, tenant, "/transfers/" + id + "/error", transferError, true);
            }
            return;
        }
        String destination = m.getHeader(OutboundMessage.DESTINATION, String.class);
        deliver(out, "jms:queue:fspiop.requests." + resource, body, inbound(tenantOf(destination), method, path, resource, source), false);
    }

    /**
     * Hands a message to the hub as the switch does; with {@link #duplicate}, twice, as a switch that
     * resends everything; an answer {@link #answerDelayMillis} late; nothing while {@link #silent}.
     */
    private void deliver(ProducerTemplate out, String uri, String body, Map<String, Object> headers, boolean answer) {
        long delay = answerDelayMillis;
        if (answer && delay > 0) {
            scheduler().schedule(() -> deliver(out, uri, body, headers), delay, java.util.concurrent.TimeUnit.MILLISECONDS);
        } else {
            deliver(out, uri, body, headers);
        }
    }

    private void deliver(ProducerTemplate out, String uri, String body, Map<String, Object> headers) {
        if (silent) {
            return;
        }
        out.sendBodyAndHeaders(uri, body, headers);
        delivered.incrementAndGet();
        if (duplicate) {
            out.sendBodyAndHeaders(uri, body, new HashMap<>(headers));
            delivered.incrementAndGet();
        }
    }

    private java.util.concurrent.ScheduledExecutorService scheduler() {
        if (later == null) {
            synchronized (this) {
                if (later == null) {
                    later = java.util.concurrent.Executors.newScheduledThreadPool(2, task -> {
                        Thread thread = new Thread(task, "switch-double-later");
                        thread.setDaemon(true);
                        return thread;
                    });
                }
            }
        }
        return later;
    }

    /** How many messages it handed to the hub so far, duplicates included. */
    public long delivered() {
        return delivered.get();
    }

    /** Every request and callback it was given so far: method and path ("POST /quotes"). */
    public List<String> seen() {
        return List.copyOf(seen);
    }

    /** Loses the next {@code count} requests of this method to this resource ("POST", "quotes"); -1 loses all. */
    public void lose(String method, String resource, int count) {
        toLose.put(method + " " + resource, new AtomicInteger(count));
    }

    /** Loses nothing from now on, and forgets what it saw. */
    public void heal() {
        toLose.clear();
        seen.clear();
    }

    /** The body of the last message the flows sent with this method and path ("PUT /quotes/..."), or null. */
    public String body(String methodAndPath) {
        return bodies.get(methodAndPath);
    }

    /** A callback of the switch itself to the tenant that asked. */
    private void answer(ProducerTemplate out, String tenant, String path, String body, boolean error) {
        answer(out, tenant, "transfers", path, body, error);
    }

    private void answer(ProducerTemplate out, String tenant, String resource, String path, String body, boolean error) {
        Waiting w = waiting.get(tenant + "|" + resource + "|" + FspiopCallbackRegistry.keyOfCallback(path));
        Map<String, Object> headers = inbound(tenant, "PUT", path, resource, "switch");
        headers.put(OutboundMessage.CORRELATION, w.correlation());
        headers.put(OutboundMessage.ERROR_CALLBACK, error);
        deliver(out, "jms:queue:" + w.replyTo(), body, headers, true);
    }

    private String tenantOf(String fspId) {
        return fspOfTenant.entrySet().stream().filter(e -> e.getValue().equals(fspId)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalStateException("No tenant with fspId " + fspId));
    }

    private static Map<String, Object> inbound(String tenant, String method, String path, String resource, String source) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(InboundMessage.TENANT, tenant);
        headers.put(InboundMessage.METHOD, method);
        headers.put(InboundMessage.PATH, path);
        headers.put(InboundMessage.RESOURCE, resource);
        headers.put(InboundMessage.VERSION, "1.1");
        headers.put(InboundMessage.SOURCE, source);
        return headers;
    }
}
