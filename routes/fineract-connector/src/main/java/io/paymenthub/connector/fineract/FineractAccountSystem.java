package io.paymenthub.connector.fineract;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.core.account.AccountHolder;
import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemError;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.Booking;
import io.paymenthub.core.account.BookingResult;
import io.paymenthub.core.account.FeeQuote;
import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.PartyAccount;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.account.QuoteBooking;
import io.paymenthub.core.account.Role;
import io.paymenthub.core.account.TransactionRequestBooking;
import io.paymenthub.core.account.TransactionRequestCheck;
import io.paymenthub.core.account.TransactionType;
import io.paymenthub.core.account.TransferBooking;
import io.paymenthub.core.tenant.Tenant;

/**
 * The {@link AccountSystem} of tenants whose core banking is Apache Fineract, through its
 * interoperation API ({@code accountId} is the savings account's externalId) and, to check what
 * was booked, its savings API.
 *
 * <p>Fineract's hazards are handled here, once: no {@code expiration} is ever sent (a future one is
 * refused); every booking carries an {@code Idempotency-Key} made of its transferCode, the
 * operation and the amount, so that a repeat is replayed by Fineract and a repeat with another
 * amount is not; and an "already committed / already on hold" or "no hold" answer is success only
 * when the booking found on the account matches this one.
 *
 * <p>A booking costs one call whatever the account's history: Fineract has no lookup of a booking
 * by transferCode (its GET of interop transfers is a stub), so the account's transactions are read
 * only to explain such an anomaly, never on the path of a booking that goes as it should. The one
 * check Fineract cannot make, that a hold was not released before its CREATE (Fineract debits
 * anyway), is the caller's: the payer flow's journal never commits a transfer it released.
 */
public class FineractAccountSystem implements AccountSystem {

    public static final String NAME = "fineract";

    private static final Logger LOG = LoggerFactory.getLogger(FineractAccountSystem.class);
    /** Bookings asked of Fineract's transaction search at a time. */
    static final int BOOKINGS_PAGE = 200;

    private final ProducerTemplate producer;
    private final Duration healthTimeout;
    private final HttpClient healthClient;

    public FineractAccountSystem(CamelContext camelContext, long healthTimeoutMillis) {
        this.producer = camelContext.createProducerTemplate();
        this.healthTimeout = Duration.ofMillis(healthTimeoutMillis);
        this.healthClient = HttpClient.newBuilder().connectTimeout(healthTimeout).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@code GET interoperation/health} straight over HTTP, outside the routes: a health probe must
     * not wait for the retries and long timeouts that protect bookings.
     */
    @Override
    public void checkReachable(Tenant tenant) {
        Tenant.FineractEndpoint fineract = tenant.fineract();
        String base = fineract.baseUrl().toString();
        String credentials = fineract.username() + ":" + fineract.password();
        HttpRequest request = HttpRequest.newBuilder(URI.create((base.endsWith("/") ? base : base + "/") + "interoperation/health"))
                .timeout(healthTimeout)
                .header("Fineract-Platform-TenantId", fineract.tenantId())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        HttpResponse<String> response;
        try {
            response = healthClient.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AccountSystemException(AccountSystemError.UNAVAILABLE, "Fineract of tenant " + tenant.name()
                    + " did not answer: " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccountSystemException(AccountSystemError.UNAVAILABLE, "interrupted", e);
        }
        if (response.statusCode() != 200) {
            JsonNode body;
            try {
                body = FineractJson.read(response.body());
            } catch (IOException | RuntimeException e) {
                body = null;
            }
            throw FineractErrors.toException("health", tenant.name(), new FineractResponse(response.statusCode(), body));
        }
    }

    @Override
    public PartyAccount lookupParty(Tenant tenant, PartyId party) {
        FineractResponse response = call(tenant, "lookup-party", FineractCall.get("interoperation/parties/" + partyPath(party)));
        return new PartyAccount(party, required(response, "accountId", tenant).asText());
    }

    @Override
    public AccountHolder accountHolder(Tenant tenant, String accountId) {
        FineractResponse account = readAccount(tenant, accountId);
        String clientId = required(account, "clientId", tenant).asText();
        JsonNode client = call(tenant, "client", FineractCall.get("clients/" + segment(clientId))).body();
        return holder(account.body(), accountId, client);
    }

    /** The interoperation API's account alone: the client, who holds it, is one more call. */
    @Override
    public AccountHolder account(Tenant tenant, String accountId) {
        return holder(readAccount(tenant, accountId).body(), accountId, MissingNode.getInstance());
    }

    private FineractResponse readAccount(Tenant tenant, String accountId) {
        return call(tenant, "account", FineractCall.get("interoperation/accounts/" + segment(accountId)));
    }

    private static AccountHolder holder(JsonNode account, String accountId, JsonNode client) {
        return new AccountHolder(account.path("accountId").asText(accountId), account.path("currency").asText(null),
                account.path("status").asText(null), decimal(account.path("availableBalance")),
                client.path("displayName").asText(null), client.path("firstname").asText(null),
                client.path("lastname").asText(null));
    }

    @Override
    public FeeQuote quote(Tenant tenant, QuoteBooking quote) {
        ObjectNode body = FineractJson.MAPPER.createObjectNode();
        body.put("transactionCode", quote.transactionCode());
        body.put("quoteCode", quote.quoteCode());
        body.put("accountId", quote.accountId());
        body.set("amount", money(quote.amount()));
        body.set("transactionType", transactionType(quote.transactionType()));
        body.put("transactionRole", quote.role().name());
        body.put("amountType", quote.amountType());
        FineractResponse response = call(tenant, "quote", FineractCall.post("interoperation/quotes", body,
                quote.quoteCode() + ":quote-" + quote.role().name().toLowerCase()));
        JsonNode fee = response.body().path("fspFee");
        Money fspFee = fee.isObject()
                ? new Money(decimal(fee.path("amount")), fee.path("currency").asText(quote.amount().currency()))
                : Money.zero(quote.amount().currency());
        return new FeeQuote(quote.quoteCode(), fspFee);
    }

    @Override
    public TransactionRequestCheck checkTransactionRequest(Tenant tenant, TransactionRequestBooking request) {
        ObjectNode body = FineractJson.MAPPER.createObjectNode();
        body.put("transactionCode", request.transactionCode());
        body.put("requestCode", request.requestCode());
        body.put("accountId", request.accountId());
        body.set("amount", money(request.amount()));
        body.set("transactionType", transactionType(request.transactionType()));
        body.put("transactionRole", Role.PAYER.name());
        if (request.note() != null) {
            body.put("note", request.note());
        }
        FineractResponse response = call(tenant, "request", FineractCall.post("interoperation/requests", body,
                request.requestCode() + ":request"));
        return new TransactionRequestCheck(request.requestCode(), "ACCEPTED".equals(response.body().path("state").asText()));
    }

    @Override
    public BookingResult reserve(Tenant tenant, TransferBooking transfer) {
        requireRole(transfer, Role.PAYER, "reserve");
        FineractResponse response = send(tenant, "prepare", "PREPARE", transfer, transfer.holdTotal());
        if (response.isSuccess()) {
            return result(transfer, response, response.servedFromCache());
        }
        if (FineractErrors.isAlreadyDone(response)) {
            // Held earlier without this key (another amount, or another client): the account says which.
            Optional<Booking> hold = find(bookings(tenant, transfer.accountId()), Booking.Kind.HOLD, transfer.transferCode());
            if (hold.isPresent() && !hold.get().released() && sameAmount(hold.get(), transfer.holdTotal())) {
                LOG.info("Fineract already holds {} for transfer {} on {}: nothing reserved twice",
                        transfer.holdTotal(), transfer.transferCode(), transfer.accountId());
                return result(transfer, response, true);
            }
            throw conflict(tenant, transfer, "reserve", "an earlier booking with this transferCode "
                    + hold.map(h -> "holds " + h.amount() + (h.released() ? " and was released" : "")).orElse("is not a hold"));
        }
        throw FineractErrors.toException("PREPARE", tenant.name(), response);
    }

    @Override
    public BookingResult commit(Tenant tenant, TransferBooking transfer) {
        requireRole(transfer, Role.PAYER, "commit");
        FineractResponse response = send(tenant, "commit", "CREATE", transfer, transfer.holdTotal());
        if (response.isSuccess()) {
            return result(transfer, response, response.servedFromCache());
        }
        boolean noHold = response.status() == 404 && FineractErrors.HOLD_MISSING.equals(response.globalisationCode());
        if (!noHold && !FineractErrors.isAlreadyDone(response)) {
            throw FineractErrors.toException("CREATE", tenant.name(), response);
        }
        // Debited earlier without this key, or no hold of this total: the account says which.
        List<Booking> bookings = bookings(tenant, transfer.accountId());
        Optional<BookingResult> done = alreadyWithdrawn(tenant, transfer, bookings);
        if (done.isPresent()) {
            return done.get();
        }
        Booking hold = find(bookings, Booking.Kind.HOLD, transfer.transferCode())
                .orElseThrow(() -> holdNotFound(tenant, transfer, "it was never reserved"));
        if (hold.released()) {
            throw holdNotFound(tenant, transfer, "its hold was released");
        }
        throw conflict(tenant, transfer, "commit", "the hold is " + hold.amount() + ", not " + transfer.holdTotal().amount());
    }

    @Override
    public BookingResult release(Tenant tenant, TransferBooking transfer) {
        requireRole(transfer, Role.PAYER, "release");
        FineractResponse response = send(tenant, "release", "RELEASE", transfer, transfer.holdTotal());
        if (response.isSuccess()) {
            return result(transfer, response, response.servedFromCache());
        }
        if (response.status() == 404 && FineractErrors.HOLD_MISSING.equals(response.globalisationCode())) {
            List<Booking> bookings = bookings(tenant, transfer.accountId());
            if (find(bookings, Booking.Kind.WITHDRAWAL, transfer.transferCode()).isPresent()) {
                throw conflict(tenant, transfer, "release", "it was committed: the payer has been debited");
            }
            // Released earlier, or never held: either way nothing of this transfer is held now.
            LOG.info("No hold of transfer {} left on {}: release already done", transfer.transferCode(), transfer.accountId());
            return new BookingResult(transfer.transferCode(), null, true);
        }
        throw FineractErrors.toException("RELEASE", tenant.name(), response);
    }

    @Override
    public BookingResult deposit(Tenant tenant, TransferBooking transfer) {
        requireRole(transfer, Role.PAYEE, "deposit");
        FineractResponse response = send(tenant, "deposit", "CREATE", transfer, transfer.amount());
        if (response.isSuccess()) {
            return result(transfer, response, response.servedFromCache());
        }
        if (FineractErrors.isAlreadyDone(response)) {
            // Credited earlier without this key: the same amount is this deposit, another one a conflict.
            Optional<Booking> earlier = find(bookings(tenant, transfer.accountId()), Booking.Kind.DEPOSIT, transfer.transferCode());
            if (earlier.isPresent() && sameAmount(earlier.get(), transfer.amount())) {
                return new BookingResult(transfer.transferCode(), null, true);
            }
            throw conflict(tenant, transfer, "deposit", earlier.map(e -> "it was credited " + e.amount() + " earlier")
                    .orElse("Fineract has another booking with this transferCode"));
        }
        throw FineractErrors.toException("CREATE", tenant.name(), response);
    }

    @Override
    public void registerAlias(Tenant tenant, PartyId party, String accountId) {
        // Fineract itself lets a second account take an identifier (then fails every lookup of it): check first.
        Optional<String> current = currentAccount(tenant, party);
        if (current.isPresent()) {
            if (current.get().equals(accountId)) {
                return;
            }
            throw new AccountSystemException(AccountSystemError.DUPLICATE_IDENTIFIER, "Identifier " + party
                    + " of tenant " + tenant.name() + " already belongs to another account", 0, null);
        }
        ObjectNode body = FineractJson.MAPPER.createObjectNode();
        body.put("accountId", accountId);
        call(tenant, "register-alias", FineractCall.post("interoperation/parties/" + partyPath(party), body, null));
    }

    private Optional<String> currentAccount(Tenant tenant, PartyId party) {
        try {
            return Optional.of(lookupParty(tenant, party).accountId());
        } catch (AccountSystemException e) {
            if (e.error() == AccountSystemError.PARTY_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void removeAlias(Tenant tenant, PartyId party) {
        call(tenant, "remove-alias", FineractCall.delete("interoperation/parties/" + partyPath(party)));
    }

    @Override
    public List<Booking> bookings(Tenant tenant, String accountId) {
        FineractResponse response = call(tenant, "bookings",
                FineractCall.get("savingsaccounts/external-id/" + segment(accountId) + "?associations=transactions"));
        List<Booking> bookings = new ArrayList<>();
        for (JsonNode transaction : response.body().path("transactions")) {
            bookings.add(booking(transaction, null));
        }
        return bookings;
    }

    /**
     * Fineract's transaction search ({@code savingsaccounts/{id}/transactions/search}, by value date,
     * oldest first) takes the account's internal id, which the external id is resolved to once.
     */
    @Override
    public long forEachBooking(Tenant tenant, String accountId, LocalDate from, LocalDate to, Consumer<Booking> each) {
        FineractResponse found = call(tenant, "bookings", FineractCall.get("savingsaccounts/external-id/" + segment(accountId)));
        long savingsId = required(found, "id", tenant).asLong();
        JsonNode account = found.body();
        String currency = account.path("currency").path("code").asText(null);
        long handed = 0;
        for (int offset = 0; ; offset += BOOKINGS_PAGE) {
            JsonNode page = call(tenant, "bookings", FineractCall.get("savingsaccounts/" + savingsId + "/transactions/search?fromDate="
                    + from + "&toDate=" + to + "&dateFormat=yyyy-MM-dd&locale=en&orderBy=id&sortOrder=ASC&offset=" + offset
                    + "&limit=" + BOOKINGS_PAGE)).body();
            JsonNode content = page.path("content");
            for (JsonNode transaction : content) {
                each.accept(booking(transaction, currency));
                handed++;
            }
            if (content.size() < BOOKINGS_PAGE || offset + content.size() >= page.path("total").asLong()) {
                return handed;
            }
        }
    }

    private static Booking booking(JsonNode transaction, String accountCurrency) {
        return new Booking(transaction.path("id").asLong(), kind(transaction.path("transactionType").path("code").asText()),
                decimal(transaction.path("amount")), transaction.path("currency").path("code").asText(accountCurrency),
                date(transaction.path("date")), transaction.path("paymentDetailData").path("receiptNumber").asText(null),
                transaction.path("reversed").asBoolean(false), transaction.hasNonNull("releaseTransactionId"));
    }

    /**
     * Books through {@code interoperation/transfers}. The key names the amount that moves, so that
     * Fineract replays a true repeat and refuses ("already ...") one with another amount.
     */
    private FineractResponse send(Tenant tenant, String operation, String action, TransferBooking transfer, Money moved) {
        ObjectNode body = FineractJson.MAPPER.createObjectNode();
        body.put("transactionCode", transfer.transactionCode() == null ? transfer.transferCode() : transfer.transactionCode());
        body.put("transferCode", transfer.transferCode());
        body.put("accountId", transfer.accountId());
        body.set("amount", money(transfer.amount()));
        if (transfer.transactionType() != null) {
            body.set("transactionType", transactionType(transfer.transactionType()));
        }
        body.put("transactionRole", transfer.role().name());
        if (transfer.fee().amount().signum() > 0) {
            body.set("fspFee", money(transfer.fee()));
        }
        if (transfer.commission().amount().signum() > 0) {
            body.set("fspCommission", money(transfer.commission()));
        }
        if (transfer.note() != null) {
            body.put("note", transfer.note());
        }
        // Never an expiration: Fineract refuses any future one.
        FineractCall call = FineractCall.post("interoperation/transfers?action=" + action, body,
                transfer.transferCode() + ":" + operation + ":" + moved.amount().stripTrailingZeros().toPlainString());
        return exchange(tenant, operation, call);
    }

    /** Calls and returns a successful answer, or throws the typed error. */
    private FineractResponse call(Tenant tenant, String operation, FineractCall call) {
        FineractResponse response = exchange(tenant, operation, call);
        if (!response.isSuccess()) {
            throw FineractErrors.toException(operation, tenant.name(), response);
        }
        return response;
    }

    private FineractResponse exchange(Tenant tenant, String operation, FineractCall call) {
        Exchange exchange = producer.send(FineractConnectorRouteBuilder.endpointOf(operation), e -> {
            e.setProperty(FineractConnectorRouteBuilder.TENANT, tenant);
            e.getMessage().setBody(call);
        });
        Exception failure = exchange.getException();
        if (failure != null) {
            boolean noAnswer = hasCause(failure, IOException.class);
            throw new AccountSystemException(noAnswer ? AccountSystemError.UNAVAILABLE : AccountSystemError.INTERNAL,
                    "Fineract " + operation + " for tenant " + tenant.name() + (noAnswer ? " got no answer: " : " failed: ")
                            + rootMessage(failure), failure);
        }
        return exchange.getMessage().getBody(FineractResponse.class);
    }

    private Optional<BookingResult> alreadyWithdrawn(Tenant tenant, TransferBooking transfer, List<Booking> bookings) {
        Optional<Booking> withdrawal = find(bookings, Booking.Kind.WITHDRAWAL, transfer.transferCode());
        if (withdrawal.isEmpty()) {
            return Optional.empty();
        }
        if (!sameAmount(withdrawal.get(), transfer.amount())) {
            throw conflict(tenant, transfer, "commit", "it was debited " + withdrawal.get().amount() + " earlier");
        }
        LOG.info("Transfer {} was already debited on {}: nothing debited twice", transfer.transferCode(), transfer.accountId());
        return Optional.of(new BookingResult(transfer.transferCode(), null, true));
    }

    private static Optional<Booking> find(List<Booking> bookings, Booking.Kind kind, String transferCode) {
        return bookings.stream().filter(b -> b.kind() == kind && !b.reversed() && transferCode.equals(b.receiptNumber()))
                .findFirst();
    }

    private static boolean sameAmount(Booking booking, Money money) {
        return booking.amount() != null && booking.amount().compareTo(money.amount()) == 0
                && (booking.currency() == null || booking.currency().equals(money.currency()));
    }

    private static BookingResult result(TransferBooking transfer, FineractResponse response, boolean alreadyDone) {
        return new BookingResult(transfer.transferCode(), response.body().path("completedTimestamp").asText(null), alreadyDone);
    }

    private static AccountSystemException conflict(Tenant tenant, TransferBooking transfer, String operation, String why) {
        return new AccountSystemException(AccountSystemError.CONFLICTING_BOOKING, "Fineract " + operation + " of transfer "
                + transfer.transferCode() + " for tenant " + tenant.name() + " refused: " + why, 0, null);
    }

    private static AccountSystemException holdNotFound(Tenant tenant, TransferBooking transfer, String why) {
        return new AccountSystemException(AccountSystemError.HOLD_NOT_FOUND, "Fineract commit of transfer "
                + transfer.transferCode() + " for tenant " + tenant.name() + " refused: " + why, 0, null);
    }

    private static void requireRole(TransferBooking transfer, Role role, String operation) {
        if (transfer.role() != role) {
            throw new IllegalArgumentException(operation + " books the " + role + " side, not " + transfer.role());
        }
    }

    private static JsonNode required(FineractResponse response, String field, Tenant tenant) {
        JsonNode value = response.body().path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw new AccountSystemException(AccountSystemError.INTERNAL, "Fineract of tenant " + tenant.name()
                    + " answered without " + field, response.status(), null);
        }
        return value;
    }

    private static ObjectNode money(Money money) {
        ObjectNode node = FineractJson.MAPPER.createObjectNode();
        node.set("amount", DecimalNode.valueOf(money.amount()));
        node.put("currency", money.currency());
        return node;
    }

    private static ObjectNode transactionType(TransactionType type) {
        ObjectNode node = FineractJson.MAPPER.createObjectNode();
        node.put("scenario", type.scenario());
        node.put("initiator", type.initiator());
        node.put("initiatorType", type.initiatorType());
        return node;
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isNumber() ? node.decimalValue() : node.isTextual() ? new BigDecimal(node.asText()) : null;
    }

    private static LocalDate date(JsonNode node) {
        return node.isArray() && node.size() == 3 ? LocalDate.of(node.get(0).asInt(), node.get(1).asInt(), node.get(2).asInt()) : null;
    }

    private static Booking.Kind kind(String code) {
        return switch (code) {
            case "savingsAccountTransactionType.deposit" -> Booking.Kind.DEPOSIT;
            case "savingsAccountTransactionType.withdrawal" -> Booking.Kind.WITHDRAWAL;
            case "savingsAccountTransactionType.withdrawalFee" -> Booking.Kind.WITHDRAWAL_FEE;
            case "savingsAccountTransactionType.onHold" -> Booking.Kind.HOLD;
            case "savingsAccountTransactionType.release" -> Booking.Kind.HOLD_RELEASE;
            default -> Booking.Kind.OTHER;
        };
    }

    private static String partyPath(PartyId party) {
        return segment(party.type()) + "/" + segment(party.value())
                + (party.subIdOrType() == null ? "" : "/" + segment(party.subIdOrType()));
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
