package io.paymenthub.fineract.simulator.ledger;

import io.paymenthub.fineract.simulator.seed.Seed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One tenant's data, built from its seed. A reset replaces the whole object, so a tenant never mixes state from
 * two seeds.
 */
public final class Tenant {

    private static final List<String> IDENTIFIER_TYPES = List.of("MSISDN", "EMAIL", "PERSONAL_ID", "BUSINESS", "DEVICE",
            "ACCOUNT_ID", "IBAN", "ALIAS", "BBAN");

    private final String id;
    private final ZoneId zone;
    private final Clock clock;
    private final InteropLookup interopLookup;
    private final Seed.TenantSeed seed;
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final List<PaymentType> paymentTypes;
    private final Map<Long, SavingsProduct> products = new LinkedHashMap<>();
    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private final Map<Long, SavingsAccount> accountsById = new LinkedHashMap<>();
    private final Map<String, SavingsAccount> accountsByExternalId = new LinkedHashMap<>();
    private final AtomicLong transactionIds = new AtomicLong();
    private final AtomicLong paymentDetailIds = new AtomicLong();
    private final IdentifierDirectory identifiers = new IdentifierDirectory(new AtomicLong());
    private final CommandLog<Object> commandLog = new CommandLog<>();

    private Tenant(Seed.TenantSeed seed, Clock clock, InteropLookup interopLookup) {
        this.id = require(seed.id(), "tenant id");
        this.seed = seed;
        this.zone = ZoneId.of(seed.timezone() == null ? "UTC" : seed.timezone());
        this.clock = clock;
        this.interopLookup = interopLookup;
        seed.users().forEach(u -> passwords.put(require(u.username(), "username"), require(u.password(), "password")));
        this.paymentTypes = seed.paymentTypes().stream()
                .map(p -> new PaymentType(require(p.id(), "payment type id"), require(p.name(), "payment type name"),
                        Boolean.TRUE.equals(p.cashPayment())))
                .toList();
    }

    /** Builds a tenant from its seed; a seed that refers to unknown ids or currencies is rejected. */
    public static Tenant fromSeed(Seed.TenantSeed seed, Clock clock) {
        return fromSeed(seed, clock, InteropLookup.SCAN);
    }

    public static Tenant fromSeed(Seed.TenantSeed seed, Clock clock, InteropLookup interopLookup) {
        Tenant tenant = new Tenant(seed, clock, interopLookup);
        seed.products().forEach(tenant::addProduct);
        seed.clients().forEach(tenant::addClient);
        seed.savingsAccounts().forEach(tenant::addAccount);
        seed.identifiers().forEach(tenant::addIdentifier);
        return tenant;
    }

    public static boolean isIdentifierType(String idType) {
        return IDENTIFIER_TYPES.contains(idType);
    }

    public String id() {
        return id;
    }

    public Seed.TenantSeed seed() {
        return seed;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Fineract's business date: today in the tenant's time zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    public LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(zone));
    }

    public boolean authenticates(String username, String password) {
        return password != null && password.equals(passwords.get(username));
    }

    /** Interop bookings use the first payment type that is not cash, as Fineract does. */
    public PaymentType interopPaymentType() {
        return paymentTypes.stream().filter(p -> !p.cashPayment()).findFirst().orElse(null);
    }

    public Optional<PaymentType> paymentType(long paymentTypeId) {
        return paymentTypes.stream().filter(p -> p.id() == paymentTypeId).findFirst();
    }

    public PaymentDetail paymentDetail(PaymentType type, String accountNumber, String checkNumber, String routingCode,
            String receiptNumber, String bankNumber) {
        return new PaymentDetail(paymentDetailIds.incrementAndGet(), type, accountNumber, checkNumber, routingCode, receiptNumber,
                bankNumber);
    }

    public Optional<Client> client(long clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    public Optional<SavingsAccount> account(long accountId) {
        return Optional.ofNullable(accountsById.get(accountId));
    }

    public Optional<SavingsAccount> accountByExternalId(String externalId) {
        return Optional.ofNullable(accountsByExternalId.get(externalId));
    }

    public Collection<SavingsAccount> accounts() {
        return accountsById.values();
    }

    public IdentifierDirectory identifiers() {
        return identifiers;
    }

    public CommandLog<Object> commandLog() {
        return commandLog;
    }

    private void addProduct(Seed.ProductSeed p) {
        long productId = require(p.id(), "product id");
        String currency = require(p.currency(), "product currency");
        if (!CurrencyInfo.isKnown(currency)) {
            throw new IllegalArgumentException("Product " + productId + ": unknown currency " + currency);
        }
        WithdrawalFee fee = null;
        if (p.withdrawalFee() != null) {
            String calculation = p.withdrawalFee().calculation() == null ? "FLAT" : p.withdrawalFee().calculation();
            if (!calculation.equals("FLAT") && !calculation.equals("PERCENT_OF_AMOUNT")) {
                throw new IllegalArgumentException("Product " + productId + ": calculation must be FLAT or PERCENT_OF_AMOUNT");
            }
            fee = new WithdrawalFee(require(p.withdrawalFee().amount(), "withdrawal fee amount"),
                    calculation.equals("PERCENT_OF_AMOUNT"));
        }
        String name = require(p.name(), "product name");
        String shortName = p.shortName() != null ? p.shortName() : name.substring(0, Math.min(4, name.length()));
        products.put(productId, new SavingsProduct(productId, name, shortName, CurrencyInfo.of(currency, p.decimalPlaces()),
                Boolean.TRUE.equals(p.withdrawalFeeForTransfers()), fee));
    }

    private void addClient(Seed.ClientSeed c) {
        long clientId = require(c.id(), "client id");
        String displayName = c.displayName();
        if (displayName == null) {
            displayName = String.join(" ", Stream.of(c.firstname(), c.middlename(), c.lastname())
                    .filter(s -> s != null && !s.isBlank()).toList());
        }
        clients.put(clientId, new Client(clientId, c.firstname(), c.middlename(), c.lastname(), displayName, c.externalId(),
                c.mobileNo(), today()));
    }

    private void addAccount(Seed.AccountSeed a) {
        long accountId = require(a.id(), "savings account id");
        String externalId = require(a.externalId(), "savings account externalId");
        Client client = clients.get(require(a.clientId(), "savings account clientId"));
        SavingsProduct product = products.get(require(a.productId(), "savings account productId"));
        if (client == null || product == null) {
            throw new IllegalArgumentException("Savings account " + accountId + " refers to an unknown client or product");
        }
        if (a.currency() != null && !a.currency().equals(product.currency().code())) {
            throw new IllegalArgumentException("Savings account " + accountId + ": currency " + a.currency()
                    + " differs from its product's " + product.currency().code());
        }
        if (accountsById.containsKey(accountId) || accountsByExternalId.containsKey(externalId)) {
            throw new IllegalArgumentException("Duplicate savings account " + accountId + " / " + externalId);
        }
        LocalDate activatedOn = a.activatedOn() == null ? today() : LocalDate.parse(a.activatedOn());
        boolean carriesFee = a.withdrawalFee() != null ? a.withdrawalFee() : product.withdrawalFee() != null;
        SavingsAccount account = new SavingsAccount(accountId, externalId, client, product, activatedOn, carriesFee,
                transactionIds, clock, interopLookup);
        BigDecimal opening = a.balance() == null ? BigDecimal.ZERO : a.balance();
        if (opening.signum() > 0) {
            account.deposit(opening, activatedOn, null, null);
        }
        accountsById.put(accountId, account);
        accountsByExternalId.put(externalId, account);
    }

    private void addIdentifier(Seed.IdentifierSeed i) {
        String idType = require(i.idType(), "identifier idType");
        if (!isIdentifierType(idType)) {
            throw new IllegalArgumentException("Unknown identifier type " + idType);
        }
        SavingsAccount account = accountsByExternalId.get(require(i.accountExternalId(), "identifier accountExternalId"));
        if (account == null) {
            throw new IllegalArgumentException("Identifier " + idType + "/" + i.idValue() + " refers to unknown account "
                    + i.accountExternalId());
        }
        IdentifierDirectory.Registration registration = identifiers.register(idType, require(i.idValue(), "identifier idValue"),
                i.subIdOrType(), account);
        if (registration.violation() != IdentifierDirectory.Violation.NONE) {
            throw new IllegalArgumentException("Duplicate identifier " + idType + "/" + i.idValue());
        }
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("Seed is missing " + what);
        }
        return value;
    }
}
