package io.paymenthub.fineract.simulator.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A savings account with its bookings and amount on hold. Every read-check-write sequence runs under
 * {@link #locked}, one lock per account, so parallel requests on one account never overdraw it while requests on
 * different accounts do not wait for each other.
 */
public final class SavingsAccount {

    private final long id;
    private final String externalId;
    private final Client client;
    private final SavingsProduct product;
    private final LocalDate activatedOn;
    private final boolean carriesWithdrawalFee;
    private final AtomicLong transactionIds;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<SavingsTransaction> transactions = new ArrayList<>();
    private final List<InteropIdentifier> identifiers = new ArrayList<>();
    /**
     * Each type's bookings summed and counted as they are made: Fineract keeps the summary's totals
     * ({@code total_deposits_derived} and the others) on the account's row, so reading an account costs
     * it the same however long its history is, and costs the simulator the same.
     */
    private final Map<TransactionType, BigDecimal> totals = new EnumMap<>(TransactionType.class);
    private final Map<TransactionType, Integer> counts = new EnumMap<>(TransactionType.class);
    private final InteropLookup interopLookup;
    /** With {@link InteropLookup#INDEX}: each interop booking's type and transfer code, to the first booking of the two. */
    private final Map<String, SavingsTransaction> firstInterop = new HashMap<>();
    private BigDecimal balance = BigDecimal.ZERO;
    /** Null until the first hold: Fineract leaves savingsAmountOnHold out until then, and shows 0.0 after. */
    private BigDecimal onHold;

    SavingsAccount(long id, String externalId, Client client, SavingsProduct product, LocalDate activatedOn,
            boolean carriesWithdrawalFee, AtomicLong transactionIds, Clock clock, InteropLookup interopLookup) {
        this.id = id;
        this.externalId = externalId;
        this.client = client;
        this.product = product;
        this.activatedOn = activatedOn;
        this.carriesWithdrawalFee = carriesWithdrawalFee;
        this.transactionIds = transactionIds;
        this.clock = clock;
        this.interopLookup = interopLookup;
    }

    public <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    public long id() {
        return id;
    }

    public String accountNo() {
        return String.format("%09d", id);
    }

    public String externalId() {
        return externalId;
    }

    public Client client() {
        return client;
    }

    public SavingsProduct product() {
        return product;
    }

    public CurrencyInfo currency() {
        return product.currency();
    }

    public LocalDate activatedOn() {
        return activatedOn;
    }

    public boolean carriesWithdrawalFee() {
        return carriesWithdrawalFee;
    }

    public BigDecimal balance() {
        return locked(() -> balance);
    }

    /** The amount on hold, or null when the account never had a hold. */
    public BigDecimal onHoldOrNull() {
        return locked(() -> onHold);
    }

    public BigDecimal onHold() {
        return locked(() -> onHold == null ? BigDecimal.ZERO : onHold);
    }

    /** Fineract's withdrawable balance: the balance less the amount on hold (no minimum balance here). */
    public BigDecimal withdrawable() {
        return locked(() -> balance.subtract(onHold == null ? BigDecimal.ZERO : onHold));
    }

    public List<SavingsTransaction> transactions() {
        return locked(() -> List.copyOf(transactions));
    }

    public Optional<SavingsTransaction> transaction(long transactionId) {
        return locked(() -> transactions.stream().filter(t -> t.id() == transactionId).findFirst());
    }

    public List<SavingsTransaction> activeHolds() {
        return locked(() -> transactions.stream().filter(SavingsTransaction::isActiveHold).toList());
    }

    /** The date of the last booking, or null: Fineract's balanceOn. */
    public LocalDate lastTransactionDate() {
        return locked(() -> transactions.stream().map(SavingsTransaction::date).max(Comparator.naturalOrder()).orElse(null));
    }

    public List<InteropIdentifier> identifiers() {
        synchronized (identifiers) {
            return List.copyOf(identifiers);
        }
    }

    void addIdentifier(InteropIdentifier identifier) {
        synchronized (identifiers) {
            identifiers.add(identifier);
        }
    }

    void removeIdentifier(InteropIdentifier identifier) {
        synchronized (identifiers) {
            identifiers.remove(identifier);
        }
    }

    /** The first interop booking of that type for that transferCode, as Fineract's findTransaction. */
    public Optional<SavingsTransaction> findInterop(TransactionType type, String transferCode) {
        return locked(() -> interopLookup == InteropLookup.INDEX
                ? Optional.ofNullable(firstInterop.get(interopKey(type, transferCode)))
                : scanInterop(type, transferCode));
    }

    private Optional<SavingsTransaction> scanInterop(TransactionType type, String transferCode) {
        return transactions.stream()
                .filter(t -> t.type() == type && t.paymentDetail() != null && t.paymentDetail().isInterop(transferCode))
                .findFirst();
    }

    /** The index's key of an interop booking, or null for any other booking. */
    private static String interopKey(SavingsTransaction t) {
        PaymentDetail detail = t.paymentDetail();
        if (detail == null || !PaymentDetail.INTEROP_ROUTING_CODE.equals(detail.routingCode()) || detail.receiptNumber() == null) {
            return null;
        }
        return interopKey(t.type(), detail.receiptNumber());
    }

    private static String interopKey(TransactionType type, String transferCode) {
        return type.name() + ' ' + transferCode;
    }

    /** The fee Fineract's withdrawal-fee charge books on a withdrawal of that amount (zero without the charge). */
    public BigDecimal withdrawalFee(BigDecimal withdrawn) {
        if (!carriesWithdrawalFee || product.withdrawalFee() == null) {
            return BigDecimal.ZERO;
        }
        return product.withdrawalFee().feeFor(withdrawn, currency().decimalPlaces());
    }

    /** The fee an interop quote shows: only for products with withdrawalFeeForTransfers. */
    public BigDecimal quoteFee(BigDecimal amount) {
        return product.withdrawalFeeForTransfers() ? withdrawalFee(amount) : BigDecimal.ZERO;
    }

    public SavingsTransaction deposit(BigDecimal amount, LocalDate date, PaymentDetail detail, String note) {
        return locked(() -> {
            BigDecimal rounded = round(amount);
            balance = balance.add(rounded);
            return book(TransactionType.DEPOSIT, date, rounded, balance, detail, note, null);
        });
    }

    /**
     * Withdraws, booking the withdrawal-fee charge first as its own transaction, as Fineract does. Refused when
     * the balance would fall below the amount on hold.
     */
    public SavingsTransaction withdraw(BigDecimal amount, LocalDate date, PaymentDetail detail, String note) {
        return locked(() -> {
            BigDecimal rounded = round(amount);
            BigDecimal fee = withdrawalFee(rounded);
            BigDecimal after = balance.subtract(fee).subtract(rounded);
            if (Amounts.isNegative(after.subtract(onHold == null ? BigDecimal.ZERO : onHold))) {
                throw new InsufficientBalanceException(after, amount);
            }
            if (fee.signum() > 0) {
                balance = balance.subtract(fee);
                book(TransactionType.WITHDRAWAL_FEE, date, round(fee), balance, null, null, null);
            }
            balance = balance.subtract(rounded);
            return book(TransactionType.WITHDRAWAL, date, rounded, balance, detail, note, null);
        });
    }

    /**
     * Interop CREATE as payer: releases the transfer's hold if it is still active and withdraws in one step, so a
     * refused withdrawal leaves the hold in place (Fineract rolls the release back with the failed transaction).
     */
    public SavingsTransaction withdrawHeld(SavingsTransaction hold, BigDecimal amount, LocalDate date, PaymentDetail detail,
            String note) {
        return locked(() -> {
            BigDecimal rounded = round(amount);
            BigDecimal current = onHold == null ? BigDecimal.ZERO : onHold;
            BigDecimal holdAfter = hold.isActiveHold() ? current.subtract(hold.amount()) : current;
            BigDecimal after = balance.subtract(withdrawalFee(rounded)).subtract(rounded);
            if (Amounts.isNegative(after.subtract(holdAfter))) {
                throw new InsufficientBalanceException(after, amount);
            }
            if (hold.isActiveHold()) {
                release(hold, date);
            }
            return withdraw(amount, date, detail, note);
        });
    }

    /** Puts an amount on hold; the caller has checked the withdrawable balance. */
    public SavingsTransaction hold(BigDecimal amount, LocalDate date, PaymentDetail detail, String reasonForBlock) {
        return locked(() -> {
            BigDecimal rounded = round(amount);
            BigDecimal current = onHold == null ? BigDecimal.ZERO : onHold;
            BigDecimal running = balance.subtract(current).subtract(rounded);
            onHold = current.add(rounded);
            return book(TransactionType.AMOUNT_HOLD, date, rounded, running, detail, null, reasonForBlock);
        });
    }

    /** Releases a hold of this account, booking a release that carries the hold's payment details. */
    public SavingsTransaction release(SavingsTransaction hold, LocalDate date) {
        return locked(() -> {
            if (!hold.isActiveHold() || !transactions.contains(hold)) {
                throw new IllegalStateException("Transaction " + hold.id() + " is not an active hold of account " + id);
            }
            BigDecimal current = onHold == null ? BigDecimal.ZERO : onHold;
            BigDecimal running = balance.subtract(current).add(hold.amount());
            onHold = current.subtract(hold.amount());
            SavingsTransaction release = book(TransactionType.AMOUNT_RELEASE, date, hold.amount(), running,
                    hold.paymentDetail(), null, null);
            hold.markReleased(release.id());
            return release;
        });
    }

    /**
     * Takes a booking off the account as if it had never been made (a deposit's amount leaves the
     * balance, a withdrawal's comes back, an active hold stops holding): the simulator's way to
     * make core banking disagree with the hub on purpose. Later running balances are left as booked.
     */
    public SavingsTransaction forget(long transactionId) {
        return locked(() -> {
            SavingsTransaction gone = transactions.stream().filter(t -> t.id() == transactionId).findFirst()
                    .orElseThrow(() -> new java.util.NoSuchElementException("No transaction " + transactionId + " on account " + externalId));
            switch (gone.type()) {
                case DEPOSIT -> balance = balance.subtract(gone.amount());
                case WITHDRAWAL, WITHDRAWAL_FEE -> balance = balance.add(gone.amount());
                case AMOUNT_HOLD -> {
                    if (gone.isActiveHold()) {
                        onHold = onHold.subtract(gone.amount());
                    }
                }
                default -> {
                }
            }
            transactions.remove(gone);
            String key = interopKey(gone);
            if (interopLookup == InteropLookup.INDEX && key != null && firstInterop.get(key) == gone) {
                // The next booking of the same kind, if any, is the first now.
                firstInterop.remove(key);
                scanInterop(gone.type(), gone.paymentDetail().receiptNumber()).ifPresent(next -> firstInterop.put(key, next));
            }
            count(gone.type(), gone.amount().negate(), -1);
            return gone;
        });
    }

    public BigDecimal total(TransactionType type) {
        return locked(() -> totals.getOrDefault(type, BigDecimal.ZERO));
    }

    public boolean has(TransactionType type) {
        return locked(() -> counts.getOrDefault(type, 0) > 0);
    }

    private void count(TransactionType type, BigDecimal amount, int bookings) {
        totals.merge(type, amount, BigDecimal::add);
        counts.merge(type, bookings, Integer::sum);
    }

    private BigDecimal round(BigDecimal amount) {
        return Amounts.round(amount, currency().decimalPlaces());
    }

    private SavingsTransaction book(TransactionType type, LocalDate date, BigDecimal amount, BigDecimal running,
            PaymentDetail detail, String note, String reasonForBlock) {
        SavingsTransaction transaction = new SavingsTransaction(transactionIds.incrementAndGet(), type, date, amount, running,
                detail, note, reasonForBlock, clock.instant());
        transactions.add(transaction);
        if (interopLookup == InteropLookup.INDEX) {
            String key = interopKey(transaction);
            if (key != null) {
                firstInterop.putIfAbsent(key, transaction);
            }
        }
        count(type, amount, 1);
        return transaction;
    }
}
