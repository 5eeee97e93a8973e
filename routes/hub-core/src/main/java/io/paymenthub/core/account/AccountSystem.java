package io.paymenthub.core.account;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.paymenthub.core.tenant.Tenant;

/**
 * A tenant's core-banking system, as the payment flows see it. The Fineract connector is the
 * first implementation; another system (Musoni, a mobile money platform) is another bundle that
 * publishes this interface as an OSGi service with {@code connector=<name>}, and tenants choose
 * it by name. Every method either succeeds or throws {@link AccountSystemException} with a typed
 * {@link AccountSystemError}.
 *
 * <p>Money-moving calls are idempotent by {@code transferCode}: repeating one with the same booking
 * never books twice; an "already done" answer counts as success only when what was booked matches.
 */
public interface AccountSystem {

    /** The name tenants give in their {@code connector} setting. */
    String name();

    /**
     * Checks, quickly, that the tenant's system answers and accepts the hub's credentials; throws
     * {@link AccountSystemException} otherwise. For {@code GET /health}: never retried, short timeout.
     */
    void checkReachable(Tenant tenant);

    /** The account an identifier (MSISDN, IBAN...) belongs to; {@link AccountSystemError#PARTY_NOT_FOUND} if none. */
    PartyAccount lookupParty(Tenant tenant, PartyId party);

    /** The account and its holder: name (for {@code PUT /parties}), currency, status, available balance. */
    AccountHolder accountHolder(Tenant tenant, String accountId);

    /**
     * The account's currency, status and available balance, without its holder's name (null in the
     * answer): for the checks that show no name, where reading the holder would cost a call more.
     */
    default AccountHolder account(Tenant tenant, String accountId) {
        return accountHolder(tenant, accountId);
    }

    /** The fee this system charges its customer for the transaction (payer or payee side). */
    FeeQuote quote(Tenant tenant, QuoteBooking quote);

    /** Checks that a payer account may be asked for money (a request to pay). */
    TransactionRequestCheck checkTransactionRequest(Tenant tenant, TransactionRequestBooking request);

    /** Puts amount + fee - commission on hold on the payer's account. */
    BookingResult reserve(Tenant tenant, TransferBooking transfer);

    /** Debits the payer: turns the hold into a withdrawal of the amount and the fee. */
    BookingResult commit(Tenant tenant, TransferBooking transfer);

    /** Frees the payer's hold. */
    BookingResult release(Tenant tenant, TransferBooking transfer);

    /** Credits the payee. */
    BookingResult deposit(Tenant tenant, TransferBooking transfer);

    /** Links an identifier to an account. */
    void registerAlias(Tenant tenant, PartyId party, String accountId);

    /** Unlinks an identifier. */
    void removeAlias(Tenant tenant, PartyId party);

    /** Every booking on the account, newest first: for checking what was booked before booking again. */
    List<Booking> bookings(Tenant tenant, String accountId);

    /**
     * Hands each booking dated {@code from} to {@code to} (inclusive, the system's business dates) on
     * the account to {@code each}, oldest first, reading the system page by page so that a busy
     * account's day never sits in memory whole; returns how many. For end-of-day reconciliation.
     */
    long forEachBooking(Tenant tenant, String accountId, LocalDate from, LocalDate to, Consumer<Booking> each);

    /**
     * The booking of that kind the hub made with {@code transferCode} on the account, dated {@code from}
     * to {@code to}, unless reversed: for learning whether a call whose outcome was never recorded
     * booked anything, without reading the account's whole history.
     */
    default Optional<Booking> findBooking(Tenant tenant, String accountId, Booking.Kind kind, String transferCode,
                                          LocalDate from, LocalDate to) {
        AtomicReference<Booking> found = new AtomicReference<>();
        forEachBooking(tenant, accountId, from, to, booking -> {
            if (booking.kind() == kind && transferCode.equals(booking.receiptNumber()) && !booking.reversed()) {
                found.compareAndSet(null, booking);
            }
        });
        return Optional.ofNullable(found.get());
    }
}
