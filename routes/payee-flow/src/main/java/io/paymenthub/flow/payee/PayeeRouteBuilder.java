package io.paymenthub.flow.payee;

import javax.sql.DataSource;

import org.apache.camel.Processor;
import org.apache.camel.builder.PredicateBuilder;
import org.apache.camel.builder.RouteBuilder;

import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestGate;
import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestJournal;
import io.paymenthub.connector.mojaloop.inbound.InboundMessage;
import java.util.List;

import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.route.ParallelParts;
import io.paymenthub.core.step.AtOnce;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.tenant.TenantDirectory;

/**
 * The payee DFSP's side of a transfer, one route per step, each a transacted consumer of the
 * queue the inbound API fills: {@code payee-party-lookup} (GET /parties), {@code payee-quote}
 * (POST /quotes), {@code payee-transfer} (POST /transfers), {@code payee-bulk-quote} and
 * {@code payee-bulk-transfer} (POST /bulkQuotes, /bulkTransfers), {@code payee-transfer-notification}
 * (the switch's PATCH /transfers for a payee that answered RESERVED, and its PUT /transfers/{ID}/error
 * for a transfer the payee answered), and {@code payee-event}, which
 * tells the request-to-pay flow of quotes for requests to pay and of the credits that pay them. Each answer goes to the switch
 * through {@code payee-answer}: at once from the consumer that made it, when the Mojaloop connector's {@link AtOnce} takes it,
 * or through {@code fspiop.outbound} in the same JMS transaction as the request it answers is taken: both happen, or neither.
 * A quote or transfer passes the {@link FspiopRequestGate} first, in that
 * transaction: a repeat of one is never processed twice, and is answered again through {@code payee-answer}.
 */
public class PayeeRouteBuilder extends RouteBuilder {

    private static final String ANSWER = "direct:payee-answer";

    private final PartyLookupProcessor partyLookup;
    private final PayeeQuoteProcessor quote;
    private final PayeeTransferProcessor transfer;
    private final PayeeTransferNotificationProcessor notification;
    private final PayeeTransferErrorProcessor transferError;
    private final PayeeBulkQuoteProcessor bulkQuote;
    private final PayeeBulkTransferProcessor bulkTransfer;
    private final FspiopRequestGate gate;
    private final List<? extends AtOnce> atOnce;

    public PayeeRouteBuilder(PartyLookupProcessor partyLookup, PayeeQuoteProcessor quote, PayeeTransferProcessor transfer,
                             PayeeTransferNotificationProcessor notification, PayeeTransferErrorProcessor transferError,
                             PayeeBulkQuoteProcessor bulkQuote, PayeeBulkTransferProcessor bulkTransfer, FspiopRequestGate gate,
                             List<? extends AtOnce> atOnce) {
        this.partyLookup = partyLookup;
        this.quote = quote;
        this.transfer = transfer;
        this.notification = notification;
        this.transferError = transferError;
        this.bulkQuote = bulkQuote;
        this.bulkTransfer = bulkTransfer;
        this.gate = gate;
        this.atOnce = atOnce;
    }

    /**
     * The payee flow on one database, as the Blueprint wires it, every answer through {@code fspiop.outbound}: for tests and the
     * load harness, which play the switch on that queue.
     *
     * @param bulkParallelism the individual quotes or transfers of bulk messages worked on at once
     */
    public static PayeeRouteBuilder on(TenantDirectory tenants, AccountSystemDirectory accounts, DataSource dataSource,
                                       long quoteValiditySeconds, int bulkParallelism) {
        return on(tenants, accounts, dataSource, quoteValiditySeconds, bulkParallelism, List.of());
    }

    /** The same, answers sent at once by {@code atOnce} where it takes them. */
    public static PayeeRouteBuilder on(TenantDirectory tenants, AccountSystemDirectory accounts, DataSource dataSource,
                                       long quoteValiditySeconds, int bulkParallelism, List<? extends AtOnce> atOnce) {
        PayeeReservations reservations = new PayeeReservations(dataSource);
        PayeeQuotes quotes = new PayeeQuotes(dataSource);
        PayeeQuoteProcessor quote = new PayeeQuoteProcessor(tenants, accounts, quotes, quoteValiditySeconds);
        PayeeTransferProcessor transfer = new PayeeTransferProcessor(tenants, accounts, reservations, quotes);
        ParallelParts bulkParts = new ParallelParts("payee-bulk", bulkParallelism);
        return new PayeeRouteBuilder(new PartyLookupProcessor(tenants, accounts), quote, transfer,
                new PayeeTransferNotificationProcessor(tenants, accounts, reservations, quotes),
                new PayeeTransferErrorProcessor(reservations, quotes),
                new PayeeBulkQuoteProcessor(tenants, quote, bulkParts), new PayeeBulkTransferProcessor(tenants, transfer, bulkParts),
                new FspiopRequestGate(new FspiopRequestJournal(dataSource)), atOnce);
    }

    /** A POST of the switch that passes the request gate first: answered by {@code processor}, or, repeated, by the gate. */
    private void gated(String queue, String routeId, Processor processor) {
        from("jms:queue:" + queue + "?transacted=true&concurrentConsumers={{payee.consumers}}")
                .routeId(routeId)
                .filter(header(InboundMessage.METHOD).isEqualTo("POST"))
                .process(gate)
                .choice()
                    .when(FspiopRequestGate.IS_ADMITTED)
                        .process(processor)
                        .to(ANSWER)
                        .to("direct:payee-event")
                    .otherwise()
                        .to(ANSWER);
    }

    @Override
    public void configure() {
        from("jms:queue:fspiop.requests.parties?transacted=true&concurrentConsumers={{payee.consumers}}")
                .routeId("payee-party-lookup")
                .filter(header(InboundMessage.METHOD).isEqualTo("GET"))
                .process(partyLookup)
                .to(ANSWER);

        gated("fspiop.requests.quotes", "payee-quote", quote);
        gated("fspiop.requests.transfers", "payee-transfer", transfer);
        gated("fspiop.requests.bulkQuotes", "payee-bulk-quote", bulkQuote);
        gated("fspiop.requests.bulkTransfers", "payee-bulk-transfer", bulkTransfer);

        // The answer the flow made, or, for a repeat of a quote or transfer, its recorded callback again (or error 3106), or
        // nothing while it is in progress: to the switch at once, or on fspiop.outbound in the consumer's transaction.
        Emit.sendEach(from(ANSWER).routeId("payee-answer"), atOnce);

        // The switch's PATCH to a payee that answered RESERVED, and its error for a transfer the payee answered:
        // nothing goes back.
        from("jms:queue:fspiop.callbacks.transfers?transacted=true&concurrentConsumers={{payee.consumers}}")
                .routeId("payee-transfer-notification")
                .choice()
                    .when(header(InboundMessage.METHOD).isEqualTo("PATCH"))
                        .process(notification)
                        .to("direct:payee-event")
                    .when(PredicateBuilder.and(header(InboundMessage.METHOD).isEqualTo("PUT"), header(InboundMessage.PATH).endsWith("/error")))
                        .process(transferError)
                .end();

        // A quote for a request to pay, or a payee credited: told to the request-to-pay flow, in the same transaction.
        from("direct:payee-event")
                .routeId("payee-event")
                .filter(exchangeProperty(PayeeEvents.PROPERTY).isNotNull())
                    .process(PayeeEvents::write)
                    .to(PayeeEvents.ENDPOINT)
                .end();
    }
}
