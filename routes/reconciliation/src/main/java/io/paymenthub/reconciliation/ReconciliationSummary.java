package io.paymenthub.reconciliation;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A run's totals: per currency what left and entered the tenant's accounts through the switch and
 * on-us, the fees, and the net position against the switch; the day's transfers by state; the
 * breaks by class. Amounts are decimal strings in JSON, never floating point.
 */
public record ReconciliationSummary(Map<String, CurrencyTotals> currencies, Map<String, Long> transferStates,
                                    Map<String, Long> breaks, java.util.List<WindowTotals> windows) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param outCount      transfers the tenant's customers paid through the switch, committed in the day
     * @param outAmount     their transfer amounts (what the switch moves)
     * @param outFees       the fees the payers paid on them
     * @param inCount       credits the tenant's customers received through the switch
     * @param netPosition   inAmount - outAmount: what the tenant is owed (positive) or owes by the switch's settlement
     */
    public record CurrencyTotals(long outCount, BigDecimal outAmount, BigDecimal outFees, long inCount, BigDecimal inAmount,
                                 long onUsOutCount, BigDecimal onUsOutAmount, long onUsInCount, BigDecimal onUsInAmount) {

        public BigDecimal netPosition() {
            return inAmount.subtract(outAmount);
        }
    }

    /**
     * A settlement window of the switch that closed in the day, in one currency.
     *
     * @param switchNet what the switch settles (positive: the tenant pays); null while it has not settled the window
     * @param hubNet    what the hub's transfers in the window come to, with the same sign
     * @param booked    whether the settled net is booked in core banking
     */
    public record WindowTotals(long windowId, String currency, String windowState, String settlementState, BigDecimal switchNet,
                               BigDecimal hubNet, boolean booked) {
    }

    public ReconciliationSummary {
        currencies = new TreeMap<>(currencies);
        transferStates = new TreeMap<>(transferStates);
        breaks = new TreeMap<>(breaks);
        windows = java.util.List.copyOf(windows);
    }

    public ReconciliationSummary(Map<String, CurrencyTotals> currencies, Map<String, Long> transferStates, Map<String, Long> breaks) {
        this(currencies, transferStates, breaks, java.util.List.of());
    }

    public ReconciliationSummary withWindows(java.util.List<WindowTotals> found) {
        return new ReconciliationSummary(currencies, transferStates, breaks, found);
    }

    public long breakCount() {
        return breaks.values().stream().mapToLong(Long::longValue).sum();
    }

    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode byCurrency = node.putObject("currencies");
        currencies.forEach((currency, t) -> {
            ObjectNode c = byCurrency.putObject(currency);
            c.put("outCount", t.outCount());
            c.put("outAmount", plain(t.outAmount()));
            c.put("outFees", plain(t.outFees()));
            c.put("inCount", t.inCount());
            c.put("inAmount", plain(t.inAmount()));
            c.put("onUsOutCount", t.onUsOutCount());
            c.put("onUsOutAmount", plain(t.onUsOutAmount()));
            c.put("onUsInCount", t.onUsInCount());
            c.put("onUsInAmount", plain(t.onUsInAmount()));
            c.put("netPosition", plain(t.netPosition()));
        });
        ObjectNode states = node.putObject("transferStates");
        transferStates.forEach(states::put);
        ObjectNode classes = node.putObject("breaks");
        breaks.forEach(classes::put);
        com.fasterxml.jackson.databind.node.ArrayNode settlement = node.putArray("settlementWindows");
        for (WindowTotals w : windows) {
            ObjectNode window = settlement.addObject();
            window.put("windowId", w.windowId());
            window.put("currency", w.currency());
            window.put("windowState", w.windowState());
            window.put("settlementState", w.settlementState());
            window.put("switchNet", w.switchNet() == null ? null : plain(w.switchNet()));
            window.put("hubNet", plain(w.hubNet()));
            window.put("booked", w.booked());
        }
        return node;
    }

    public static ReconciliationSummary fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            Map<String, CurrencyTotals> currencies = new TreeMap<>();
            node.path("currencies").fields().forEachRemaining(e -> {
                JsonNode c = e.getValue();
                currencies.put(e.getKey(), new CurrencyTotals(c.path("outCount").asLong(), decimal(c, "outAmount"), decimal(c, "outFees"),
                        c.path("inCount").asLong(), decimal(c, "inAmount"), c.path("onUsOutCount").asLong(), decimal(c, "onUsOutAmount"),
                        c.path("onUsInCount").asLong(), decimal(c, "onUsInAmount")));
            });
            Map<String, Long> states = new TreeMap<>();
            node.path("transferStates").fields().forEachRemaining(e -> states.put(e.getKey(), e.getValue().asLong()));
            Map<String, Long> breaks = new TreeMap<>();
            node.path("breaks").fields().forEachRemaining(e -> breaks.put(e.getKey(), e.getValue().asLong()));
            java.util.List<WindowTotals> windows = new java.util.ArrayList<>();
            for (JsonNode w : node.path("settlementWindows")) {
                windows.add(new WindowTotals(w.path("windowId").asLong(), w.path("currency").asText(), w.path("windowState").asText(),
                        w.path("settlementState").isNull() ? null : w.path("settlementState").asText(null),
                        w.path("switchNet").isNull() ? null : decimal(w, "switchNet"), decimal(w, "hubNet"), w.path("booked").asBoolean()));
            }
            return new ReconciliationSummary(currencies, states, breaks, windows);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("A run's summary is not JSON: " + e.getMessage(), e);
        }
    }

    static String plain(BigDecimal amount) {
        return amount == null ? "0" : amount.stripTrailingZeros().toPlainString();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        return new BigDecimal(node.path(field).asText("0"));
    }
}
