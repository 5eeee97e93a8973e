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
                                    Map<String, Long> breaks) {

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

    public ReconciliationSummary {
        currencies = new TreeMap<>(currencies);
        transferStates = new TreeMap<>(transferStates);
        breaks = new TreeMap<>(breaks);
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
            return new ReconciliationSummary(currencies, states, breaks);
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
