package io.paymenthub.fineract.simulator.ledger;

/** The savings transaction types the simulator books, with Fineract's ids, codes and labels. */
public enum TransactionType {
    DEPOSIT(1, "savingsAccountTransactionType.deposit", "Deposit", Entry.CREDIT),
    WITHDRAWAL(2, "savingsAccountTransactionType.withdrawal", "Withdrawal", Entry.DEBIT),
    WITHDRAWAL_FEE(4, "savingsAccountTransactionType.withdrawalFee", "Withdrawal fee", Entry.DEBIT),
    AMOUNT_HOLD(20, "savingsAccountTransactionType.onHold", "Amount on hold", Entry.DEBIT),
    AMOUNT_RELEASE(21, "savingsAccountTransactionType.release", "Release Amount", Entry.CREDIT);

    /** The side of the ledger; holds and releases are entries that leave the account balance unchanged. */
    public enum Entry { CREDIT, DEBIT }

    private final int id;
    private final String code;
    private final String label;
    private final Entry entry;

    TransactionType(int id, String code, String label, Entry entry) {
        this.id = id;
        this.code = code;
        this.label = label;
        this.entry = entry;
    }

    public int id() {
        return id;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public Entry entry() {
        return entry;
    }
}
