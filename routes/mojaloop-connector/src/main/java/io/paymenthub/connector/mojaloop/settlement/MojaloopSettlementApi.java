package io.paymenthub.connector.mojaloop.settlement;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.connector.mojaloop.outbound.FspiopOutboundRouteBuilder;
import io.paymenthub.connector.mojaloop.outbound.SwitchEndpoints;
import io.paymenthub.core.settlement.SettlementWindow;
import io.paymenthub.core.settlement.SwitchSettlementException;
import io.paymenthub.core.settlement.SwitchSettlements;
import io.paymenthub.core.settlement.WindowPosition;

/**
 * The switch's settlement windows and a participant's net positions, from Mojaloop's central
 * settlement API v1 ({@code GET /settlementWindows}, {@code GET /settlements}). Its amounts are
 * JSON numbers: they are read as decimals, never through floating point.
 */
public class MojaloopSettlementApi implements SwitchSettlements {

    /**
     * The switch filters windows by when they opened: a window that closed in the asked period may
     * have opened this much earlier.
     */
    static final Duration WINDOW_LOOK_BACK = Duration.ofDays(7);
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final ProducerTemplate producer;
    private final SwitchEndpoints endpoints;

    public MojaloopSettlementApi(CamelContext camelContext, SwitchEndpoints endpoints) {
        this.producer = camelContext.createProducerTemplate();
        this.endpoints = endpoints;
    }

    @Override
    public List<SettlementWindow> closedWindows(String participantId, Instant from, Instant to) {
        JsonNode answer = get("settlementWindows?participantId=" + encode(participantId) + "&fromDateTime="
                + encode(timestamp(from.minus(WINDOW_LOOK_BACK))) + "&toDateTime=" + encode(timestamp(to)));
        List<SettlementWindow> windows = new ArrayList<>();
        for (JsonNode window : answer) {
            String state = window.path("state").asText();
            if (state.isEmpty() || "OPEN".equals(state) || window.path("changedDate").isMissingNode()) {
                continue;
            }
            long id = window.has("settlementWindowId") ? window.path("settlementWindowId").asLong() : window.path("id").asLong();
            Instant closedAt = instant(window.path("changedDate").asText(), "changedDate of window " + id);
            if (!closedAt.isBefore(from) && closedAt.isBefore(to)) {
                windows.add(new SettlementWindow(id, state, instant(window.path("createdDate").asText(), "createdDate of window " + id),
                        closedAt));
            }
        }
        windows.sort(Comparator.comparing(SettlementWindow::closedAt).thenComparingLong(SettlementWindow::id));
        return windows;
    }

    @Override
    public List<WindowPosition> positions(String participantId, long windowId) {
        JsonNode answer = get("settlements?settlementWindowId=" + windowId + "&participantId=" + encode(participantId));
        // A window settled again after an aborted settlement: the settlement that was not aborted counts.
        JsonNode settlement = null;
        for (JsonNode candidate : answer) {
            if (!"ABORTED".equals(candidate.path("state").asText())
                    && (settlement == null || candidate.path("id").asLong() > settlement.path("id").asLong())) {
                settlement = candidate;
            }
        }
        List<WindowPosition> positions = new ArrayList<>();
        if (settlement == null) {
            return positions;
        }
        for (JsonNode participant : settlement.path("participants")) {
            if (!participant.path("id").asText().equals(participantId)) {
                continue;
            }
            for (JsonNode account : participant.path("accounts")) {
                JsonNode net = account.path("netSettlementAmount");
                String currency = net.path("currency").asText();
                if (currency.isEmpty() || !net.hasNonNull("amount")) {
                    throw new SwitchSettlementException("Settlement " + settlement.path("id").asText() + " of window " + windowId
                            + " has an account without netSettlementAmount: " + account);
                }
                BigDecimal amount = net.path("amount").isNumber() ? net.path("amount").decimalValue() : decimal(net.path("amount").asText());
                positions.add(new WindowPosition(windowId, settlement.path("id").asLong(), settlement.path("state").asText(), currency,
                        amount));
            }
        }
        return positions;
    }

    /** The answer's JSON array; a 404 (nothing matches) is an empty one. */
    private JsonNode get(String pathAndQuery) {
        String url = endpoints.settlementUrl(pathAndQuery);
        Exchange exchange = producer.send(FspiopOutboundRouteBuilder.SETTLEMENT_ENDPOINT, e -> e.getMessage().setBody(url));
        if (exchange.getException() != null) {
            throw new SwitchSettlementException("The switch's settlement API did not answer " + url + ": "
                    + exchange.getException().getMessage(), exchange.getException());
        }
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        if (status == 404) {
            return JSON.createArrayNode();
        }
        if (status != 200) {
            throw new SwitchSettlementException("The switch's settlement API answered " + url + " with " + status + ": "
                    + (body == null ? "" : body.substring(0, Math.min(body.length(), 300))));
        }
        try {
            JsonNode answer = JSON.readTree(body == null ? "" : body);
            if (answer == null || !answer.isArray()) {
                throw new SwitchSettlementException("The switch's settlement API answered " + url + " with no list: " + body);
            }
            return answer;
        } catch (IOException e) {
            throw new SwitchSettlementException("The switch's settlement API answered " + url + " with no JSON: " + e.getMessage(), e);
        }
    }

    /** The switch's dates: ISO instants, with or without an offset, or a bare date (midnight UTC). */
    static Instant instant(String text, String what) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new SwitchSettlementException("The switch's " + what + " is not a date: '" + text + "'");
                }
            }
        }
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new SwitchSettlementException("The switch's net settlement amount is not a number: '" + text + "'");
        }
    }

    private static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
