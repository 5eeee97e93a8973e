package io.paymenthub.fineract.simulator;

import io.paymenthub.fineract.simulator.http.AnswerDelay;
import io.paymenthub.fineract.simulator.ledger.SavingsAccount;
import io.paymenthub.fineract.simulator.ledger.SavingsTransaction;
import io.paymenthub.fineract.simulator.ledger.Tenant;
import io.paymenthub.fineract.simulator.ledger.TenantRegistry;
import io.paymenthub.fineract.simulator.seed.Seed;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The test-side view of a running simulator, also served over HTTP under /simulator/admin: seed and reset tenants,
 * read balances, bookings, holds and identifiers.
 */
public final class SimulatorAdmin {

    private final TenantRegistry tenants;
    private final AnswerDelay answerDelay;

    SimulatorAdmin(TenantRegistry tenants, AnswerDelay answerDelay) {
        this.tenants = tenants;
        this.answerDelay = answerDelay;
    }

    /**
     * Every Fineract request waits this long before it is handled, from now on: a core banking at a
     * network's distance for load runs (zero, the default, answers at once).
     */
    public void answerDelay(java.time.Duration delay) {
        answerDelay.set(delay);
    }

    public List<String> tenants() {
        return tenants.ids();
    }

    /** Creates or replaces a tenant from its seed; the old tenant's data and idempotency records are dropped. */
    public void seedTenant(Seed.TenantSeed seed) {
        tenants.seed(seed);
    }

    /** Rebuilds a tenant from the seed it was last given. */
    public void resetTenant(String tenantId) {
        tenants.reset(tenantId).orElseThrow(() -> unknownTenant(tenantId));
    }

    public void resetAll() {
        tenants.resetAll();
    }

    /** Replaces every tenant by those of the seed. */
    public void replaceSeed(Seed seed) {
        tenants.replaceAll(seed);
    }

    public boolean removeTenant(String tenantId) {
        return tenants.remove(tenantId);
    }

    public AccountSnapshot account(String tenantId, String externalId) {
        Tenant tenant = tenant(tenantId);
        SavingsAccount account = tenant.accountByExternalId(externalId)
                .orElseThrow(() -> new NoSuchElementException("No account " + externalId + " in tenant " + tenantId));
        return account.locked(() -> new AccountSnapshot(tenantId, account.id(), account.externalId(), account.client().id(),
                account.currency().code(), account.balance(), account.withdrawable(), account.onHold(),
                account.transactions().stream().map(SimulatorAdmin::transaction).toList(), holds(account)));
    }

    /** Takes one booking off an account ({@link SavingsAccount#forget}); returns the account as it is after. */
    public AccountSnapshot forgetTransaction(String tenantId, String externalId, long transactionId) {
        tenant(tenantId).accountByExternalId(externalId)
                .orElseThrow(() -> new NoSuchElementException("No account " + externalId + " in tenant " + tenantId))
                .forget(transactionId);
        return account(tenantId, externalId);
    }

    /**
     * Books an interop deposit or withdrawal (with its withdrawal fee, as Fineract's charge books it)
     * straight into the ledger, as the interop API would have with that transfer code: for loads
     * too large to book one HTTP call at a time (a day of 100,000 transfers to reconcile).
     */
    public void bookInterop(String tenantId, String externalId, boolean deposit, java.math.BigDecimal amount, String transferCode) {
        Tenant tenant = tenant(tenantId);
        io.paymenthub.fineract.simulator.ledger.SavingsAccount account = tenant.accountByExternalId(externalId)
                .orElseThrow(() -> new NoSuchElementException("No account " + externalId + " in tenant " + tenantId));
        io.paymenthub.fineract.simulator.ledger.PaymentDetail detail = tenant.paymentDetail(tenant.interopPaymentType(),
                account.externalId(), null, io.paymenthub.fineract.simulator.ledger.PaymentDetail.INTEROP_ROUTING_CODE, transferCode, null);
        if (deposit) {
            account.deposit(amount, tenant.today(), detail, null);
        } else {
            account.withdraw(amount, tenant.today(), detail, null);
        }
    }

    /** Every active hold of the tenant, account by account. */
    public List<HoldSnapshot> holds(String tenantId) {
        return tenant(tenantId).accounts().stream().flatMap(a -> holds(a).stream()).toList();
    }

    /** Removes an identifier (without sub-type) from the tenant, as an operator deleting the party through the interop API would. */
    public void removeIdentifier(String tenantId, String idType, String idValue) {
        Tenant tenant = tenant(tenantId);
        tenant.identifiers().find(idType, idValue, null).forEach(tenant.identifiers()::remove);
    }

    public List<IdentifierSnapshot> identifiers(String tenantId) {
        return tenant(tenantId).identifiers().all().stream()
                .map(i -> new IdentifierSnapshot(i.id(), i.idType(), i.idValue(), i.subIdOrType(), i.account().externalId()))
                .toList();
    }

    private Tenant tenant(String tenantId) {
        return tenants.find(tenantId).orElseThrow(() -> unknownTenant(tenantId));
    }

    private static List<HoldSnapshot> holds(SavingsAccount account) {
        return account.activeHolds().stream()
                .map(h -> new HoldSnapshot(account.externalId(), h.id(), h.receiptNumber(), h.amount(), h.date().toString(),
                        h.reasonForBlock()))
                .toList();
    }

    private static TransactionSnapshot transaction(SavingsTransaction t) {
        return new TransactionSnapshot(t.id(), t.type().name(), t.type().label(), t.amount(), t.runningBalance(), t.date().toString(),
                t.receiptNumber(), t.paymentDetail() == null ? null : t.paymentDetail().routingCode(), t.note(), t.reasonForBlock(),
                t.releaseTransactionId(), t.bookedAt().toString());
    }

    private static NoSuchElementException unknownTenant(String tenantId) {
        return new NoSuchElementException("No tenant " + tenantId);
    }
}
