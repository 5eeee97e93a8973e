package io.paymenthub.flow.payee;

import java.time.Instant;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code PUT /transfers/{ID}/error} sent to a payee tenant after it answered: the switch did not
 * commit the transfer (the fulfilment came after the transfer expired, or was refused). A tenant
 * that credited at once has given its customer money the switch will not settle: that is recorded,
 * logged as an error, and listed by reconciliation (SWITCH_ABORTED_CREDIT) until core banking's
 * deposit is reversed. Nothing is debited here: taking money back from a customer is the
 * operator's decision. A reserving tenant waits for the switch's PATCH, which decides its credit.
 */
public class PayeeTransferErrorProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PayeeTransferErrorProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PayeeReservations reservations;
    private final PayeeQuotes quotes;

    public PayeeTransferErrorProcessor(PayeeReservations reservations, PayeeQuotes quotes) {
        this.reservations = reservations;
        this.quotes = quotes;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SwitchRequest error = SwitchRequest.of(exchange.getMessage());
        String path = error.path().substring(0, error.path().length() - "/error".length());
        String transferId = path.substring(path.lastIndexOf('/') + 1);
        JsonNode information = readQuietly(error.body()).path("errorInformation");
        String reason = information.path("errorCode").asText("?") + " " + information.path("errorDescription").asText("");
        Optional<PayeeReservations.Reservation> reservation = reservations.find(error.tenant(), transferId);
        if (reservation.isPresent() && "RESERVED".equals(reservation.get().state())) {
            LOG.warn("Transfer {} of {}: error {} from {} while reserved; the switch's PATCH decides the credit", transferId,
                    error.tenant(), reason, error.source());
            return;
        }
        if (!quotes.recordSwitchAbort(error.tenant(), transferId, Instant.now(), reason.trim() + " (from " + error.source() + ")")) {
            LOG.info("Transfer {} of {}: error {} from {}, for nothing credited", transferId, error.tenant(), reason.trim(), error.source());
        } else if (quotes.boundTransfer(error.tenant(), transferId).filter(PayeeQuotes.BoundTransfer::credited).isEmpty()) {
            // Its delivery is still under way (or waits for a redelivery): it books nothing new now, and a deposit
            // core banking already has is recorded with this abort beside it.
            LOG.warn("Transfer {} of {}: error {} from {} while its credit is not recorded; recorded for its delivery", transferId,
                    error.tenant(), reason.trim(), error.source());
        } else {
            LOG.error("Transfer {} of {} was credited, and {} says it failed ({}): the switch will not settle it; reconciliation lists "
                    + "it as SWITCH_ABORTED_CREDIT", transferId, error.tenant(), error.source(), reason.trim());
        }
    }

    private static JsonNode readQuietly(String body) {
        try {
            return body == null ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }
}
