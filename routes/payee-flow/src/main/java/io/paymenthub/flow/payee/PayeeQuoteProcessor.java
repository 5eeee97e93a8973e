package io.paymenthub.flow.payee;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestGate;
import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestJournal;
import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.FeeQuote;
import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.PartyAccount;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.account.QuoteBooking;
import io.paymenthub.core.account.Role;
import io.paymenthub.core.account.TransactionType;
import io.paymenthub.core.event.PayeeEvent;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopAmount;
import io.paymenthub.fspiop.FspiopDateTime;
import io.paymenthub.fspiop.ilp.IlpResponse;
import io.paymenthub.fspiop.ilp.IlpVersion;
import io.paymenthub.fspiop.ilp.MojaloopIlp;

/**
 * {@code POST /quotes} to a payee of this hub: the payee's account (in the quote's currency), the
 * payee's fee from its core banking, and the ILP packet and condition made with the tenant's ILP
 * secret, answered {@code PUT /quotes/{ID}}. The quote is recorded as the answer, so a resend of
 * the request gets the same quote and the same condition.
 */
public class PayeeQuoteProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PayeeQuoteProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TenantDirectory tenants;
    private final AccountSystemDirectory accountSystems;
    private final PayeeQuotes quotes;
    private final Duration quoteValidity;
    private final Clock clock;

    public PayeeQuoteProcessor(TenantDirectory tenants, AccountSystemDirectory accountSystems, PayeeQuotes quotes,
                               long quoteValiditySeconds) {
        this(tenants, accountSystems, quotes, Duration.ofSeconds(quoteValiditySeconds), Clock.systemUTC());
    }

    PayeeQuoteProcessor(TenantDirectory tenants, AccountSystemDirectory accountSystems, PayeeQuotes quotes, Duration quoteValidity,
                        Clock clock) {
        this.tenants = tenants;
        this.accountSystems = accountSystems;
        this.quotes = quotes;
        this.quoteValidity = quoteValidity;
        this.clock = clock;
    }

    /**
     * One quote as this payee answers it: the {@code PUT /quotes/{ID}} body (as a tree and as sent),
     * or the error that refuses it.
     */
    public record Answer(ObjectNode quote, String body, ErrorInformation refusal) {

        static Answer refused(ErrorInformation refusal) {
            return new Answer(null, null, refusal);
        }

        public boolean isRefused() {
            return refusal != null;
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SwitchRequest request = SwitchRequest.of(exchange.getMessage());
        JsonNode quote = JSON.readTree(request.body());
        String quoteId = quote.path("quoteId").asText();
        String path = "/quotes/" + quoteId;
        Tenant tenant = request.tenantIn(tenants);
        Answer answer = answer(tenant, request.source(), quote, expiryOf(exchange.getMessage()), true);
        if (answer.isRefused()) {
            Callback.error(request, tenant.name(), path, answer.refusal(), quoteId).writeTo(exchange.getMessage());
            return;
        }
        Callback.recorded(request, tenant.name(), path, answer.body()).writeTo(exchange.getMessage());
        if (quote.path("transactionRequestId").isTextual()) {
            PayeeEvents.announce(exchange, PayeeEvent.quoted(tenant.name(), quote.path("transactionId").asText(),
                    quote.path("transactionRequestId").asText(), quoteId));
        }
    }

    /**
     * When the quote of a request of the switch expires: its validity from when the request first
     * came, so that every delivery of the same request (a redelivery, a resend processed again)
     * answers the same packet and condition; from now for a request the gate did not register.
     */
    Instant expiryOf(Message request) {
        Instant registered = request.getHeader(FspiopRequestGate.REGISTERED_AT, Instant.class);
        return (registered != null ? registered : clock.instant()).plus(quoteValidity);
    }

    /**
     * Answers one quote of the payer FSP {@code payerFsp}, valid until {@code expiresAt}: the payee's
     * account, fee and ILP condition, recorded so that a transfer may bind to it; or the refusal. A
     * core banking that cannot be reached is thrown ({@link FspiopErrors#payeeErrorOrRetry}).
     *
     * @param quote a {@code POST /quotes} body, or an individual quote of a bulk quote with its payer
     * @param answersRequest whether the quote is the switch's request itself ({@code POST /quotes}), whose
     *                       answer is then recorded with the quote, in one commit
     */
    Answer answer(Tenant tenant, String payerFsp, JsonNode quote, Instant expiresAt, boolean answersRequest) throws SQLException {
        String quoteId = quote.path("quoteId").asText();
        Money amount = new Money(new BigDecimal(quote.path("amount").path("amount").asText()), quote.path("amount").path("currency").asText());
        JsonNode payeeId = quote.path("payee").path("partyIdInfo");
        PartyId payee = new PartyId(payeeId.path("partyIdType").asText(), payeeId.path("partyIdentifier").asText(),
                payeeId.path("partySubIdOrType").asText(null));
        try {
            AccountSystem system = accountSystems.forTenant(tenant);
            PartyAccount account = system.lookupParty(tenant, payee);
            // Core banking's quote checks the account itself (its currency, that it may take a deposit, as Fineract's
            // does): an account in another currency is refused there (CURRENCY_MISMATCH, 5106), one read fewer a quote.
            JsonNode type = quote.path("transactionType");
            FeeQuote fee = system.quote(tenant, new QuoteBooking(quote.path("transactionId").asText(), quoteId, account.accountId(),
                    amount, quote.path("amountType").asText(), Role.PAYEE, new TransactionType(type.path("scenario").asText(),
                    type.path("initiator").asText(), type.path("initiatorType").asText())));
            ObjectNode answer = quoteResponse(quote, amount, fee.fee(), tenant, expiresAt);
            String body = answer.toString();
            Optional<FspiopRequestJournal.Answer> callback = answersRequest
                    ? Optional.of(FspiopRequestJournal.Answer.put(tenant.name(), "quotes", quoteId, "/quotes/" + quoteId, body))
                    : Optional.empty();
            quotes.record(tenant.name(), issued(payerFsp, quote, answer, account.accountId()), clock.instant(), callback);
            return new Answer(answer, body, null);
        } catch (AccountSystemException e) {
            LOG.info("Quote {} for {} refused: {}", quoteId, tenant.name(), e.getMessage());
            return Answer.refused(FspiopErrors.payeeErrorOrRetry(e));
        }
    }

    /** What a transfer for this quote must carry: recorded before the quote goes out. */
    private static PayeeQuotes.IssuedQuote issued(String source, JsonNode quote, JsonNode answer, String payeeAccount) {
        String payerFsp = source != null ? source : quote.path("payer").path("partyIdInfo").path("fspId").asText();
        JsonNode transferAmount = answer.path("transferAmount");
        return new PayeeQuotes.IssuedQuote(quote.path("quoteId").asText(), quote.path("transactionId").asText(), payerFsp,
                new Money(new BigDecimal(transferAmount.path("amount").asText()), transferAmount.path("currency").asText()),
                answer.path("condition").asText(), Instant.parse(answer.path("expiration").asText()),
                quote.path("transactionRequestId").isTextual() ? quote.path("transactionRequestId").asText() : null, payeeAccount);
    }

    /**
     * SEND: the payer sends the amount and the payee's fee comes out of it. RECEIVE: the payee
     * receives the amount and the fee comes on top.
     */
    private ObjectNode quoteResponse(JsonNode quote, Money amount, Money fee, Tenant tenant, Instant expiresAt) {
        boolean receive = "RECEIVE".equals(quote.path("amountType").asText());
        Money transferAmount = receive ? amount.plus(fee) : amount;
        Money payeeReceives = receive ? amount : amount.minus(fee);
        ObjectNode response = JSON.createObjectNode();
        response.set("transferAmount", money(transferAmount));
        response.set("payeeReceiveAmount", money(payeeReceives));
        if (fee.amount().signum() > 0) {
            response.set("payeeFspFee", money(fee));
        }
        response.put("expiration", FspiopDateTime.format(expiresAt));
        IlpResponse ilp = MojaloopIlp.of(IlpVersion.V4, tenant.settings().ilpSecret()).quoteResponse(quote, response);
        response.put("ilpPacket", ilp.ilpPacket());
        response.put("condition", ilp.condition());
        return response;
    }

    private static ObjectNode money(Money money) {
        ObjectNode node = JSON.createObjectNode();
        node.put("amount", FspiopAmount.normalise(money.amount()));
        node.put("currency", money.currency());
        return node;
    }
}
