package io.paymenthub.connector.fineract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.paymenthub.core.account.AccountHolder;
import io.paymenthub.core.account.AccountSystemError;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.Booking;
import io.paymenthub.core.account.BookingResult;
import io.paymenthub.core.account.FeeQuote;
import io.paymenthub.core.account.Money;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.account.QuoteBooking;
import io.paymenthub.core.account.Role;
import io.paymenthub.core.account.TransactionRequestBooking;
import io.paymenthub.core.account.TransactionType;
import io.paymenthub.core.account.TransferBooking;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.fineract.simulator.AccountSnapshot;
import io.paymenthub.fineract.simulator.FineractSimulator;
import io.paymenthub.fineract.simulator.seed.SeedLoader;

/**
 * Every call of the Fineract connector against the Fineract simulator, with balances and holds
 * read from the simulator's own state, never from the connector's answers.
 */
class FineractAccountSystemTest extends CamelTestSupport {

    static final String ALICE = "dfsp1-alice-usd";      // 1000 USD, withdrawal fee 1.50
    static final String BAKARI = "dfsp1-bakari-usd";    // 250 USD, no fee
    static final String CHAUSIKU = "dfsp1-chausiku-tzs"; // 500000 TZS

    static FineractSimulator simulator;
    static Tenant dfsp1;

    @BeforeAll
    static void startSimulator() {
        simulator = FineractSimulator.start(0, SeedLoader.labSeed());
        dfsp1 = TestTenants.tenant("dfsp1", simulator.fineractUrl(), "dfsp1");
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void resetFineract() {
        simulator.admin().resetAll();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("fineract.retry.maximumRedeliveries", "2");
        properties.put("fineract.stepTimeoutMillis", "1500");
        properties.put("fineract.retry.delayMillis", "20");
        return properties;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        HttpComponent http = new HttpComponent();
        http.setConnectTimeout(1000);
        http.setResponseTimeout(1500);
        http.setSoTimeout(1500);
        context.addComponent("http", http);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new FineractConnectorRouteBuilder();
    }

    FineractAccountSystem accounts() {
        return new FineractAccountSystem(context(), 500);
    }

    static TransferBooking payer(String transferCode, String account, String amount, String fee) {
        return new TransferBooking("tx-" + transferCode, transferCode, account, Money.of(amount, "USD"),
                fee == null ? null : Money.of(fee, "USD"), null, Role.PAYER, TransactionType.p2pTransfer(), "lunch");
    }

    static TransferBooking payee(String transferCode, String account, String amount) {
        return new TransferBooking("tx-" + transferCode, transferCode, account, Money.of(amount, "USD"), null, null,
                Role.PAYEE, TransactionType.p2pTransfer(), null);
    }

    static String transferId() {
        return UUID.randomUUID().toString();
    }

    static AccountSnapshot account(String externalId) {
        return simulator.admin().account("dfsp1", externalId);
    }

    @Test
    void aReachableFineractPassesTheHealthCheckAndOthersAreTyped() throws Exception {
        accounts().checkReachable(dfsp1);

        assertThatThrownBy(() -> accounts().checkReachable(TestTenants.tenant("dfsp1", simulator.fineractUrl(), "dfsp1", "wrong")))
                .isInstanceOfSatisfying(AccountSystemException.class,
                        e -> assertThat(e.error()).isEqualTo(AccountSystemError.NOT_AUTHORIZED));
        try (RecordingProxy.BlackHole hanging = new RecordingProxy.BlackHole()) {
            assertThatThrownBy(() -> accounts().checkReachable(TestTenants.tenant("dfsp1", hanging.url(), "dfsp1")))
                    .isInstanceOfSatisfying(AccountSystemException.class,
                            e -> assertThat(e.error()).isEqualTo(AccountSystemError.UNAVAILABLE));
            assertThat(hanging.connections()).as("a health probe is never retried").isEqualTo(1);
        }
    }

    @Test
    void findsTheAccountOfAPartyAndItsHoldersName() {
        var party = accounts().lookupParty(dfsp1, PartyId.of("MSISDN", "255700000001"));
        AccountHolder holder = accounts().accountHolder(dfsp1, party.accountId());

        assertThat(party.accountId()).isEqualTo(ALICE);
        assertThat(holder.currency()).isEqualTo("USD");
        assertThat(holder.isActive()).isTrue();
        assertThat(holder.availableBalance()).isEqualByComparingTo("1000");
        assertThat(holder.displayName()).isEqualTo("Alice Mwangi");
        assertThat(holder.firstName()).isEqualTo("Alice");
        assertThat(holder.lastName()).isEqualTo("Mwangi");
    }

    @Test
    void theAccountAloneIsOneCallWithoutTheHoldersName() {
        NotifyBuilder accountRead = new NotifyBuilder(context).fromRoute("fineract-account").whenDone(1).create();
        NotifyBuilder clientRead = new NotifyBuilder(context).fromRoute("fineract-client").whenDone(1).create();

        AccountHolder account = accounts().account(dfsp1, ALICE);

        assertThat(account.currency()).isEqualTo("USD");
        assertThat(account.isActive()).isTrue();
        assertThat(account.availableBalance()).isEqualByComparingTo("1000");
        assertThat(account.displayName()).isNull();
        assertThat(account.firstName()).isNull();
        assertThat(accountRead.matches()).isTrue();
        assertThat(clientRead.matches()).as("the holder's client was not read").isFalse();
        assertThatThrownBy(() -> accounts().account(dfsp1, "no-such-account"))
                .isInstanceOfSatisfying(AccountSystemException.class,
                        e -> assertThat(e.error()).isEqualTo(AccountSystemError.ACCOUNT_NOT_FOUND));
    }

    @Test
    void anUnknownPartyIsPartyNotFoundAndAnUnknownAccountAccountNotFound() {
        assertThatThrownBy(() -> accounts().lookupParty(dfsp1, PartyId.of("MSISDN", "255799999999")))
                .isInstanceOfSatisfying(AccountSystemException.class, e -> {
                    assertThat(e.error()).isEqualTo(AccountSystemError.PARTY_NOT_FOUND);
                    assertThat(e.error().fspiopCode(Role.PAYEE)).isEqualTo("3204");
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.systemCode()).isEqualTo("error.msg.interop.account.not.found");
                });
        assertThatThrownBy(() -> accounts().accountHolder(dfsp1, "no-such-account"))
                .isInstanceOfSatisfying(AccountSystemException.class,
                        e -> assertThat(e.error()).isEqualTo(AccountSystemError.ACCOUNT_NOT_FOUND));
    }

    @Test
    void quotesThePayersWithdrawalFeeAndNoFeeForThePayee() {
        String transaction = transferId();
        FeeQuote payerFee = accounts().quote(dfsp1, new QuoteBooking(transaction, "q-" + transaction, ALICE,
                Money.of("100", "USD"), "SEND", Role.PAYER, TransactionType.p2pTransfer()));
        FeeQuote payeeFee = accounts().quote(dfsp1, new QuoteBooking(transaction, "q2-" + transaction, BAKARI,
                Money.of("100", "USD"), "RECEIVE", Role.PAYEE, TransactionType.p2pTransfer()));

        assertThat(payerFee.fee().sameAs(Money.of("1.50", "USD"))).isTrue();
        assertThat(payeeFee.fee().amount()).isEqualByComparingTo("0");
    }

    @Test
    void aQuoteBeyondTheBalanceIsInsufficientFunds() {
        assertThatThrownBy(() -> accounts().quote(dfsp1, new QuoteBooking("t", "q-" + transferId(), BAKARI,
                Money.of("250.01", "USD"), "SEND", Role.PAYER, TransactionType.p2pTransfer())))
                .isInstanceOfSatisfying(AccountSystemException.class, e -> {
                    assertThat(e.error()).isEqualTo(AccountSystemError.INSUFFICIENT_FUNDS);
                    assertThat(e.error().fspiopCode(Role.PAYER)).isEqualTo("4001");
                });
    }

    @Test
    void acceptsARequestToPayFromAnExistingPayer() {
        String request = transferId();
        var check = accounts().checkTransactionRequest(dfsp1, new TransactionRequestBooking(transferId(), request, ALICE,
                Money.of("20", "USD"), new TransactionType("TRANSFER", "PAYEE", "CONSUMER"), "please pay"));

        assertThat(check.accepted()).isTrue();
        assertThat(check.requestCode()).isEqualTo(request);
    }

    @Test
    void reserveHoldsAmountPlusFeeAndCommitDebitsThemLeavingNoHold() {
        String transfer = transferId();
        accounts().reserve(dfsp1, payer(transfer, ALICE, "100", "1.50"));

        AccountSnapshot held = account(ALICE);
        assertThat(held.balance()).isEqualByComparingTo("1000");
        assertThat(held.availableBalance()).isEqualByComparingTo("898.50");
        assertThat(held.holds()).singleElement().satisfies(h -> {
            assertThat(h.transferCode()).isEqualTo(transfer);
            assertThat(h.amount()).isEqualByComparingTo("101.50");
        });

        BookingResult committed = accounts().commit(dfsp1, payer(transfer, ALICE, "100", "1.50"));

        assertThat(committed.alreadyDone()).isFalse();
        AccountSnapshot debited = account(ALICE);
        assertThat(debited.balance()).isEqualByComparingTo("898.50");
        assertThat(debited.availableBalance()).isEqualByComparingTo("898.50");
        assertThat(debited.holds()).isEmpty();
    }

    @Test
    void aRepeatedReserveOrCommitBooksNothingTwice() {
        String transfer = transferId();
        accounts().reserve(dfsp1, payer(transfer, ALICE, "100", "1.50"));
        BookingResult again = accounts().reserve(dfsp1, payer(transfer, ALICE, "100", "1.50"));

        assertThat(account(ALICE).holds()).hasSize(1);
        assertThat(account(ALICE).availableBalance()).isEqualByComparingTo("898.50");

        accounts().commit(dfsp1, payer(transfer, ALICE, "100", "1.50"));
        BookingResult commitAgain = accounts().commit(dfsp1, payer(transfer, ALICE, "100", "1.50"));

        assertThat(commitAgain.alreadyDone()).isTrue();
        assertThat(account(ALICE).balance()).isEqualByComparingTo("898.50");
        assertThat(again.transferCode()).isEqualTo(transfer);
        assertThat(again.alreadyDone()).as("the repeated reserve was replayed by Fineract").isTrue();
    }

    @Test
    void aReserveMadeWithoutTheConnectorsKeyIsRecognisedOnlyWhenTheAmountsMatch() {
        String transfer = transferId();
        // Booked earlier by another client, without our Idempotency-Key: Fineract answers 403 "already".
        simulatorPrepare(transfer, ALICE, "100", "1.50");

        BookingResult same = accounts().reserve(dfsp1, payer(transfer, ALICE, "100", "1.50"));

        assertThat(same.alreadyDone()).isTrue();
        assertThatThrownBy(() -> accounts().reserve(dfsp1, payer(transfer + "", ALICE, "99", "1.50")))
                .isInstanceOfSatisfying(AccountSystemException.class,
                        e -> assertThat(e.error()).isEqualTo(AccountSystemError.CONFLICTING_BOOKING));
        assertThat(account(ALICE).holds()).hasSize(1);
    }

    @Test
    void releaseFreesTheHoldAndASecondReleaseFindsNothingHeld() {
        String transfer = transferId();
        accounts().reserve(dfsp1, payer(transfer, ALICE, "100", "1.50"));

        accounts().release(dfsp1, payer(transfer, ALICE, "100", "1.50"));

        assertThat(account(ALICE).holds()).isEmpty();
        assertThat(account(ALICE).availableBalance()).isEqualByComparingTo("1000");
        assertThat(accounts().release(dfsp1, payer(transfer, ALICE, "100", "1.50")).alreadyDone()).isTrue();
        assertThat(account(ALICE).balance()).isEqualByComparingTo("1000");
    }

    @Test
    void aBookingThatGoesAsItShouldNeverReadsTheAccountsHistory() {
        // Fineract has no lookup of a booking by transferCode: reading the history costs what the account has ever booked.
        NotifyBuilder historyRead = new NotifyBuilder(context).fromRoute("fineract-bookings").whenDone(1).create();
        String transfer = transferId();
        String credit = transferId();

        accounts().reserve(dfsp1, payer(transfer, ALICE, "100", "1.50"));
        accounts().reserve(dfsp1, payer(transfer, ALICE, "100", "1.50"));
        accounts().commit(dfsp1, payer(transfer, ALICE, "100", "1.50"));
        accounts().commit(dfsp1, payer(transfer, ALICE, "100", "1.50"));
        accounts().deposit(dfsp1, payee(credit, BAKARI, "5"));
        accounts().deposit(dfsp1, payee(credit, BAKARI, "5"));

        assertThat(historyRead.matches()).as("the account's history was read").isFalse();
        assertThat(account(ALICE).balance()).isEqualByComparingTo("898.50");
        assertThat(account(BAKARI).balance()).isEqualByComparingTo("255");
    }

    @Test
    void aCommitWithoutAHoldOrOfAnotherTotalIsRefused() {
        assertThatThrownBy(() -> accounts().commit(dfsp1, payer(transferId(), ALICE, "10", "1.50")))
                .isInstanceOfSatisfying(AccountSystemException.class,
                        e -> assertThat(e.error()).isEqualTo(AccountSystemError.HOLD_NOT_FOUND));
        String transfer = transferId();
        accounts().reserve(dfsp1, payer(transfer, ALICE, "10", "1.50"));
        assertThatThrownBy(() -> accounts().commit(dfsp1, payer(transfer, ALICE, "10", null)))
                .isInstanceOfSatisfying(AccountSystemException.class,
                        e -> assertThat(e.error()).isEqualTo(AccountSystemError.CONFLICTING_BOOKING));
        assertThat(account(ALICE).balance()).isEqualByComparingTo("1000");
    }

    @Test
    void releasingACommittedTransferIsRefused() {
        String transfer = transferId();
        accounts().reserve(dfsp1, payer(transfer, ALICE, "10", "1.50"));
        accounts().commit(dfsp1, payer(transfer, ALICE, "10", "1.50"));

        assertThatThrownBy(() -> accounts().release(dfsp1, payer(transfer, ALICE, "10", "1.50")))
                .isInstanceOfSatisfying(AccountSystemException.class,
                        e -> assertThat(e.error()).isEqualTo(AccountSystemError.CONFLICTING_BOOKING));
        assertThat(account(ALICE).balance()).isEqualByComparingTo("988.50");
    }

    @Test
    void reserveBeyondTheAvailableBalanceIsInsufficientFundsAndHoldsNothing() {
        assertThatThrownBy(() -> accounts().reserve(dfsp1, payer(transferId(), BAKARI, "250.01", null)))
                .isInstanceOfSatisfying(AccountSystemException.class, e -> {
                    assertThat(e.error()).isEqualTo(AccountSystemError.INSUFFICIENT_FUNDS);
                    assertThat(e.systemCode()).isEqualTo("error.msg.savingsaccount.transaction.insufficient.account.balance");
                });
        assertThat(account(BAKARI).holds()).isEmpty();
    }

    @Test
    void anotherCurrencyThanTheAccountsIsCurrencyMismatch() {
        assertThatThrownBy(() -> accounts().reserve(dfsp1, payer(transferId(), CHAUSIKU, "10", null)))
                .isInstanceOfSatisfying(AccountSystemException.class, e -> {
                    assertThat(e.error()).isEqualTo(AccountSystemError.CURRENCY_MISMATCH);
                    assertThat(e.error().fspiopCode(Role.PAYEE)).isEqualTo("5106");
                    assertThat(e.error().fspiopCode(Role.PAYER)).isEqualTo("4103");
                });
    }

    @Test
    void depositCreditsThePayeeOnceAndAConflictingRepeatIsRefused() {
        String transfer = transferId();
        accounts().deposit(dfsp1, payee(transfer, BAKARI, "40.25"));
        BookingResult again = accounts().deposit(dfsp1, payee(transfer, BAKARI, "40.25"));

        assertThat(again.alreadyDone()).isTrue();
        assertThat(account(BAKARI).balance()).isEqualByComparingTo("290.25");
        assertThatThrownBy(() -> accounts().deposit(dfsp1, payee(transfer, BAKARI, "41")))
                .isInstanceOfSatisfying(AccountSystemException.class,
                        e -> assertThat(e.error()).isEqualTo(AccountSystemError.CONFLICTING_BOOKING));
        assertThat(account(BAKARI).balance()).isEqualByComparingTo("290.25");
    }

    @Test
    void registersLooksUpAndRemovesAnAlias() {
        PartyId alias = new PartyId("EMAIL", "alice@example.org", null);
        accounts().registerAlias(dfsp1, alias, ALICE);

        assertThat(accounts().lookupParty(dfsp1, alias).accountId()).isEqualTo(ALICE);
        accounts().registerAlias(dfsp1, alias, ALICE); // a repeat is harmless
        assertThatThrownBy(() -> accounts().registerAlias(dfsp1, alias, BAKARI))
                .isInstanceOfSatisfying(AccountSystemException.class,
                        e -> assertThat(e.error()).isEqualTo(AccountSystemError.DUPLICATE_IDENTIFIER));

        accounts().removeAlias(dfsp1, alias);

        assertThatThrownBy(() -> accounts().lookupParty(dfsp1, alias))
                .isInstanceOfSatisfying(AccountSystemException.class,
                        e -> assertThat(e.error()).isEqualTo(AccountSystemError.PARTY_NOT_FOUND));
        assertThat(simulator.admin().identifiers("dfsp1")).noneMatch(i -> "alice@example.org".equals(i.idValue()));
    }

    @Test
    void listsTheBookingsWithTheirTransferCodes() {
        String transfer = transferId();
        accounts().reserve(dfsp1, payer(transfer, ALICE, "100", "1.50"));
        accounts().commit(dfsp1, payer(transfer, ALICE, "100", "1.50"));

        List<Booking> bookings = accounts().bookings(dfsp1, ALICE);

        assertThat(bookings).anySatisfy(b -> {
            assertThat(b.kind()).isEqualTo(Booking.Kind.WITHDRAWAL);
            assertThat(b.receiptNumber()).isEqualTo(transfer);
            assertThat(b.amount()).isEqualByComparingTo("100");
            assertThat(b.currency()).isEqualTo("USD");
            assertThat(b.date()).isNotNull();
        });
        assertThat(bookings).anySatisfy(b -> {
            assertThat(b.kind()).isEqualTo(Booking.Kind.HOLD);
            assertThat(b.receiptNumber()).isEqualTo(transfer);
            assertThat(b.released()).isTrue();
        });
        assertThat(bookings).anySatisfy(b -> {
            assertThat(b.kind()).isEqualTo(Booking.Kind.WITHDRAWAL_FEE);
            assertThat(b.amount()).isEqualByComparingTo("1.50");
        });
        assertThat(bookings.stream().filter(b -> b.kind() == Booking.Kind.DEPOSIT).map(Booking::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("1000");
    }

    @Test
    void readsADaysBookingsPageByPageOldestFirst() {
        int deposits = FineractAccountSystem.BOOKINGS_PAGE + 5; // one full page and the start of the next
        List<String> codes = new java.util.ArrayList<>();
        for (int i = 0; i < deposits; i++) {
            String code = transferId();
            accounts().deposit(dfsp1, payee(code, BAKARI, "1"));
            codes.add(code);
        }
        String held = transferId();
        accounts().reserve(dfsp1, payer(held, BAKARI, "10", null));
        java.time.LocalDate today = accounts().bookings(dfsp1, BAKARI).get(0).date();

        List<Booking> read = new java.util.ArrayList<>();
        long count = accounts().forEachBooking(dfsp1, BAKARI, today, today, read::add);

        assertThat(count).isEqualTo(read.size());
        assertThat(read).extracting(Booking::id).isSorted();
        assertThat(read).filteredOn(b -> b.kind() == Booking.Kind.DEPOSIT && codes.contains(b.receiptNumber()))
                .extracting(Booking::receiptNumber).containsExactlyElementsOf(codes);
        assertThat(read).filteredOn(b -> held.equals(b.receiptNumber())).singleElement().satisfies(hold -> {
            assertThat(hold.kind()).isEqualTo(Booking.Kind.HOLD);
            assertThat(hold.released()).isFalse();
            assertThat(hold.amount()).isEqualByComparingTo("10");
            assertThat(hold.currency()).isEqualTo("USD");
        });
        assertThat(accounts().forEachBooking(dfsp1, BAKARI, today.minusDays(2), today.minusDays(1), b -> { }))
                .as("other days are not read").isZero();
    }

    @Test
    void wrongCredentialsOrAnUnknownFineractTenantAreConfigurationErrors() {
        Tenant badPassword = TestTenants.tenant("dfsp1", simulator.fineractUrl(), "dfsp1", "not-the-password");
        Tenant unknownTenant = TestTenants.tenant("dfsp1", simulator.fineractUrl(), "no-such-tenant");

        assertThatThrownBy(() -> accounts().accountHolder(badPassword, ALICE))
                .isInstanceOfSatisfying(AccountSystemException.class, e -> {
                    assertThat(e.error()).isEqualTo(AccountSystemError.NOT_AUTHORIZED);
                    assertThat(e.getMessage()).contains("credentials").doesNotContain("not-the-password");
                });
        assertThatThrownBy(() -> accounts().accountHolder(unknownTenant, ALICE))
                .isInstanceOfSatisfying(AccountSystemException.class, e -> {
                    assertThat(e.error()).isEqualTo(AccountSystemError.NOT_AUTHORIZED);
                    assertThat(e.getMessage()).contains("fineract.tenantId");
                });
    }

    @Nested
    class ThroughANetworkThatFails {

        /**
         * Waited for once, for the step's timeout, and not again at once: the step goes back to the
         * broker, so that a hung Fineract holds a shared consumer for one timeout, not four.
         */
        @Test
        void aFineractThatNeverAnswersIsUnavailableAfterOneWait() throws Exception {
            try (RecordingProxy.BlackHole hanging = new RecordingProxy.BlackHole()) {
                Tenant tenant = TestTenants.tenant("dfsp1", hanging.url(), "dfsp1");

                assertThatThrownBy(() -> accounts().reserve(tenant, payer(transferId(), ALICE, "10", null)))
                        .isInstanceOfSatisfying(AccountSystemException.class, e -> {
                            assertThat(e.error()).isEqualTo(AccountSystemError.UNAVAILABLE);
                            assertThat(e.error().isTransient()).isTrue();
                            assertThat(e.error().fspiopCode(Role.PAYER)).isEqualTo("2003");
                        });
                assertThat(hanging.connections()).as("no retry of a timeout").isEqualTo(1);
            }
        }

        @Test
        void aLostAnswerIsRetriedWithTheSameKeyAndBooksOnce() throws Exception {
            try (RecordingProxy proxy = new RecordingProxy(simulator.baseUrl())) {
                Tenant tenant = TestTenants.tenant("dfsp1", proxy.url("/fineract-provider/api/v1"), "dfsp1");
                String transfer = transferId();
                proxy.loseNextAnswers(1);

                BookingResult result = accounts().reserve(tenant, payer(transfer, ALICE, "100", "1.50"));

                assertThat(result.transferCode()).isEqualTo(transfer);
                List<RecordingProxy.Recorded> prepares = proxy.requests().stream()
                        .filter(r -> r.path().contains("action=PREPARE")).toList();
                assertThat(prepares).hasSize(2);
                assertThat(prepares.get(0).header("Idempotency-Key")).isEqualTo(transfer + ":prepare:101.5")
                        .isEqualTo(prepares.get(1).header("Idempotency-Key"));
                assertThat(account(ALICE).holds()).singleElement()
                        .satisfies(h -> assertThat(h.amount()).isEqualByComparingTo("101.50"));
                assertThat(account(ALICE).availableBalance()).isEqualByComparingTo("898.50");
            }
        }

        @Test
        void aBusinessErrorIsNeverRetriedAndNoBookingCarriesAnExpiration() throws Exception {
            try (RecordingProxy proxy = new RecordingProxy(simulator.baseUrl())) {
                Tenant tenant = TestTenants.tenant("dfsp1", proxy.url("/fineract-provider/api/v1"), "dfsp1");
                String transfer = transferId();

                assertThatThrownBy(() -> accounts().reserve(tenant, payer(transferId(), BAKARI, "999", null)))
                        .isInstanceOf(AccountSystemException.class);
                accounts().reserve(tenant, payer(transfer, ALICE, "5", "1.50"));
                accounts().commit(tenant, payer(transfer, ALICE, "5", "1.50"));
                accounts().deposit(tenant, payee(transferId(), BAKARI, "5"));

                assertThat(proxy.requests().stream().filter(r -> r.path().contains("transfers"))).hasSize(4)
                        .allSatisfy(r -> {
                            assertThat(r.body()).doesNotContain("expiration");
                            assertThat(r.header("Idempotency-Key")).isNotBlank();
                            assertThat(r.header("Fineract-Platform-TenantId")).isEqualTo("dfsp1");
                            assertThat(r.body()).doesNotContain("E+", "E-");
                        });
            }
        }
    }

    @Test
    void twoTenantsOnTwoFineractsAreKeptApart() {
        try (FineractSimulator other = FineractSimulator.start(0, SeedLoader.labSeed())) {
            Tenant elsewhere = TestTenants.tenant("mfi2", other.fineractUrl(), "dfsp1");
            String transfer = transferId();

            accounts().reserve(elsewhere, payer(transfer, ALICE, "300", "1.50"));

            assertThat(other.admin().account("dfsp1", ALICE).availableBalance()).isEqualByComparingTo("698.50");
            assertThat(account(ALICE).availableBalance()).isEqualByComparingTo("1000");
            assertThat(account(ALICE).holds()).isEmpty();
            assertThatThrownBy(() -> accounts().commit(dfsp1, payer(transfer, ALICE, "300", "1.50")))
                    .isInstanceOfSatisfying(AccountSystemException.class,
                            e -> assertThat(e.error()).isEqualTo(AccountSystemError.HOLD_NOT_FOUND));
            assertThat(account(ALICE).balance()).isEqualByComparingTo("1000");
        }
    }

    /** A PREPARE made straight to Fineract, without the connector (and so without its idempotency key). */
    private static void simulatorPrepare(String transfer, String account, String amount, String fee) {
        try {
            var body = "{\"transactionCode\":\"tx-" + transfer + "\",\"transferCode\":\"" + transfer + "\",\"accountId\":\""
                    + account + "\",\"amount\":{\"amount\":" + amount + ",\"currency\":\"USD\"},\"transactionRole\":\"PAYER\","
                    + "\"fspFee\":{\"amount\":" + fee + ",\"currency\":\"USD\"}}";
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(simulator.fineractUrl()
                            + "/interoperation/transfers?action=PREPARE"))
                    .header("Fineract-Platform-TenantId", "dfsp1")
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("mifos:password".getBytes()))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
            var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
