package io.paymenthub.flow.payee;

import java.time.Instant;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.TransferBooking;
import io.paymenthub.core.event.PayeeEvent;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;

/**
 * {@code PATCH /transfers/{ID}} from the switch (the inbound API lets a PATCH in only from the
 * switch's fspId), for a transfer a payee tenant answered RESERVED:
 * COMMITTED credits the payee (once, by transferId), ABORTED credits nothing. A core banking that
 * cannot be reached makes the notification go back to the queue, to be tried again.
 */
public class PayeeTransferNotificationProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PayeeTransferNotificationProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TenantDirectory tenants;
    private final AccountSystemDirectory accountSystems;
    private final PayeeReservations reservations;
    private final PayeeQuotes quotes;

    public PayeeTransferNotificationProcessor(TenantDirectory tenants, AccountSystemDirectory accountSystems,
                                              PayeeReservations reservations, PayeeQuotes quotes) {
        this.tenants = tenants;
        this.accountSystems = accountSystems;
        this.reservations = reservations;
        this.quotes = quotes;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SwitchRequest notification = SwitchRequest.of(exchange.getMessage());
        String transferId = notification.path().substring(notification.path().lastIndexOf('/') + 1);
        String state = JSON.readTree(notification.body()).path("transferState").asText();
        Optional<PayeeReservations.Reservation> reservation = reservations.find(notification.tenant(), transferId);
        if (reservation.isEmpty()) {
            LOG.warn("PATCH of transfer {} ({}) from {}: no reservation of tenant {}", transferId, state, notification.source(),
                    notification.tenant());
            return;
        }
        if (!"RESERVED".equals(reservation.get().state())) {
            LOG.info("PATCH of transfer {} ({}) again: it is already {}", transferId, state, reservation.get().state());
            return;
        }
        if ("COMMITTED".equals(state)) {
            Tenant tenant = notification.tenantIn(tenants);
            TransferBooking credit = reservation.get().credit();
            accountSystems.forTenant(tenant).deposit(tenant, credit);
            // Recorded before the reservation ends: a PATCH redelivered after a crash in between finds it
            // still RESERVED, deposits nothing twice (by transferId) and finds the credit recorded.
            quotes.recordCredit(notification.tenant(), credit, Instant.now(), Optional.empty());
            reservations.complete(notification.tenant(), transferId, "COMMITTED");
            PayeeEvents.announce(exchange, PayeeEvent.credited(notification.tenant(), credit.transactionCode(), transferId,
                    credit.amount().amount(), credit.amount().currency()));
            LOG.info("Transfer {} committed by the switch: credited {} to {}", transferId, reservation.get().credit().amount(),
                    reservation.get().credit().accountId());
        } else if ("ABORTED".equals(state)) {
            reservations.complete(notification.tenant(), transferId, "ABORTED");
            quotes.unbind(notification.tenant(), transferId);
            LOG.info("Transfer {} aborted by the switch: nothing credited", transferId);
        } else {
            LOG.warn("PATCH of transfer {} with state {}: left RESERVED", transferId, state);
        }
    }
}
