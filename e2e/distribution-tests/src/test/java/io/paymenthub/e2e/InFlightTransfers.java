package io.paymenthub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.fineract.simulator.FineractSimulator;
import io.paymenthub.fineract.simulator.TransactionSnapshot;

/**
 * Transfers from dfsp1's Alice to dfsp2's Dalila sent for a fault to catch in flight, and what a
 * user checks after it: every one final, none debited twice, the two balances moved by exactly the
 * committed transfers (amount plus Alice's fee on her side), no hold left.
 */
final class InFlightTransfers {

    static final Set<String> FINAL = Set.of("COMMITTED", "ABORTED", "UNKNOWN");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal ALICE_FEE = new BigDecimal("1.5");

    private final FineractSimulator fineract;
    private final BigDecimal amount;
    private final BigDecimal aliceBefore;
    private final BigDecimal dalilaBefore;
    private final List<String> accepted = new ArrayList<>();
    /** Each transfer's view as last read, so that a failed check can say why each ended as it did. */
    private final Map<String, JsonNode> lastSeen = new ConcurrentHashMap<>();

    private InFlightTransfers(FineractSimulator fineract, BigDecimal amount) {
        this.fineract = fineract;
        this.amount = amount;
        this.aliceBefore = fineract.admin().account("dfsp1", "dfsp1-alice-usd").balance();
        this.dalilaBefore = fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance();
    }

    /** Sends {@code count} transfers of {@code amount}, the i-th through the node {@code via} gives, each accepted (202). */
    static InFlightTransfers send(FineractSimulator fineract, int count, BigDecimal amount, String clientRef,
                                  IntFunction<HubDistribution> via) throws Exception {
        InFlightTransfers transfers = new InFlightTransfers(fineract, amount);
        for (int i = 0; i < count; i++) {
            Map<String, String> headers = new HashMap<>(LabSetup.channel("dfsp1"));
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
            HttpResponse<String> response = via.apply(i).send("POST", "/channel/transfers", headers, """
                    {"payer":{"idType":"MSISDN","idValue":"255700000001"},"payee":{"idType":"MSISDN","idValue":"255710000001"},
                     "amount":{"amount":"%s","currency":"USD"},"clientRef":"%s-%d"}
                    """.formatted(amount.toPlainString(), clientRef, i));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            transfers.accepted.add(JSON.readTree(response.body()).path("transferId").asText());
        }
        return transfers;
    }

    /** How many are final now, as {@code hub} tells. */
    long finalCount(HubDistribution hub) {
        return accepted.stream().filter(id -> {
            try {
                return FINAL.contains(state(hub, id));
            } catch (Exception e) {
                return false;
            }
        }).count();
    }

    /** Waits until every transfer is final, as {@code hub} tells; their states by id. */
    Map<String, String> awaitAllFinal(HubDistribution hub, Duration deadline) throws Exception {
        return HubDistribution.awaitValue("every accepted transfer final", deadline, () -> {
            Map<String, String> seen = new HashMap<>();
            for (String id : accepted) {
                JsonNode view = view(hub, id);
                lastSeen.put(id, view);
                seen.put(id, view.path("state").asText());
            }
            return seen;
        }, seen -> seen.values().stream().allMatch(FINAL::contains));
    }

    /** The money checks, for {@code states} as {@link #awaitAllFinal} returned them; the number committed. */
    long assertMoneyAddsUp(Map<String, String> states) {
        long committed = states.values().stream().filter("COMMITTED"::equals).count();
        assertThat(states.values()).as("none left UNKNOWN: the switch could always tell; those not committed: %s", notCommitted(states))
                .doesNotContain("UNKNOWN");
        Map<String, Long> withdrawals = fineract.admin().account("dfsp1", "dfsp1-alice-usd").transactions().stream()
                .filter(t -> t.receiptNumber() != null && "WITHDRAWAL".equals(t.type()))
                .collect(Collectors.groupingBy(TransactionSnapshot::receiptNumber, Collectors.counting()));
        assertThat(withdrawals.values()).as("no transfer debited twice").allMatch(count -> count == 1);
        assertThat(withdrawals.keySet()).as("a debit for each committed transfer, and only for them").containsAll(
                states.entrySet().stream().filter(e -> "COMMITTED".equals(e.getValue())).map(Map.Entry::getKey).toList());
        assertThat(fineract.admin().account("dfsp1", "dfsp1-alice-usd").balance())
                .isEqualByComparingTo(aliceBefore.subtract(amount.add(ALICE_FEE).multiply(BigDecimal.valueOf(committed))));
        assertThat(fineract.admin().account("dfsp2", "dfsp2-dalila-usd").balance())
                .isEqualByComparingTo(dalilaBefore.add(amount.multiply(BigDecimal.valueOf(committed))));
        assertThat(fineract.admin().holds("dfsp1")).as("no hold left on dfsp1").isEmpty();
        assertThat(fineract.admin().holds("dfsp2")).as("no hold left on dfsp2").isEmpty();
        return committed;
    }

    /** How many transfers ended in each state, for the tests' figures: {@code {COMMITTED=30}}. */
    static Map<String, Long> summary(Map<String, String> states) {
        return states.values().stream().collect(Collectors.groupingBy(state -> state, java.util.TreeMap::new, Collectors.counting()));
    }

    /** How many of those not committed ended with each state and failure code, for the tests' figures: {@code {ABORTED 2004=5}}. */
    Map<String, Long> failureCodes(Map<String, String> states) {
        return states.entrySet().stream().filter(e -> !"COMMITTED".equals(e.getValue()))
                .map(e -> e.getValue() + " " + lastSeen.getOrDefault(e.getKey(), JSON.nullNode()).path("failure").path("code").asText("-"))
                .collect(Collectors.groupingBy(key -> key, java.util.TreeMap::new, Collectors.counting()));
    }

    /** Each transfer not committed with its state and failure as last read: {@code id ABORTED 2004 No answer...}. */
    String notCommitted(Map<String, String> states) {
        return states.entrySet().stream().filter(e -> !"COMMITTED".equals(e.getValue()))
                .map(e -> e.getKey() + " " + e.getValue() + " " + lastSeen.getOrDefault(e.getKey(), JSON.nullNode()).path("failure"))
                .collect(Collectors.joining("; ", "[", "]"));
    }

    static String state(HubDistribution hub, String transferId) throws Exception {
        return view(hub, transferId).path("state").asText();
    }

    private static JsonNode view(HubDistribution hub, String transferId) throws Exception {
        HttpResponse<String> response = hub.send("GET", "/channel/transfers/" + transferId, LabSetup.channel("dfsp1"), null);
        assertThat(response.statusCode()).as("transfer " + transferId + " is known").isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
