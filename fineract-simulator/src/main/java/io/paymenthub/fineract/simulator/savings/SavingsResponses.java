package io.paymenthub.fineract.simulator.savings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymenthub.fineract.simulator.http.Json;
import io.paymenthub.fineract.simulator.ledger.Amounts;
import io.paymenthub.fineract.simulator.ledger.Client;
import io.paymenthub.fineract.simulator.ledger.CurrencyInfo;
import io.paymenthub.fineract.simulator.ledger.PaymentDetail;
import io.paymenthub.fineract.simulator.ledger.SavingsAccount;
import io.paymenthub.fineract.simulator.ledger.SavingsTransaction;
import io.paymenthub.fineract.simulator.ledger.TransactionType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The savings and clients answers in the shape of a real Fineract (a recorded GET savingsaccounts/external-id is the
 * model); the constant parts describe a plain active individual savings account without interest.
 */
final class SavingsResponses {

    private static final String ADMIN_USER = "mifos";

    private SavingsResponses() {
    }

    static ObjectNode account(SavingsAccount account, boolean withTransactions) {
        return account.locked(() -> {
            ObjectNode node = Json.object();
            node.put("id", account.id());
            node.put("accountNo", account.accountNo());
            node.set("depositType", enumOption(100, "depositAccountType.savingsDeposit", "Savings"));
            node.put("externalId", account.externalId());
            node.put("clientId", account.client().id());
            node.put("clientName", account.client().displayName());
            node.put("savingsProductId", account.product().id());
            node.put("savingsProductName", account.product().name());
            node.put("fieldOfficerId", 0);
            node.set("status", status());
            node.set("subStatus", subStatus());
            node.set("timeline", timeline(account.activatedOn()));
            node.set("currency", currency(account.currency()));
            node.set("nominalAnnualInterestRate", DecimalNode.valueOf(new BigDecimal("0.0")));
            node.set("interestCompoundingPeriodType",
                    enumOption(1, "savings.interest.period.savingsCompoundingInterestPeriodType.daily", "Daily"));
            node.set("interestPostingPeriodType",
                    enumOption(4, "savings.interest.posting.period.savingsPostingInterestPeriodType.monthly", "Monthly"));
            node.set("interestCalculationType", enumOption(1, "savingsInterestCalculationType.dailybalance", "Daily Balance"));
            node.set("interestCalculationDaysInYearType",
                    enumOption(365, "savingsInterestCalculationDaysInYearType.days365", "365 Days"));
            node.put("withdrawalFeeForTransfers", account.product().withdrawalFeeForTransfers());
            node.put("allowOverdraft", false);
            node.put("enforceMinRequiredBalance", false);
            node.put("lienAllowed", false);
            node.put("withHoldTax", false);
            LocalDate lastActive = account.lastTransactionDate();
            node.set("lastActiveTransactionDate", Json.date(lastActive != null ? lastActive : account.activatedOn()));
            node.put("isDormancyTrackingActive", false);
            BigDecimal onHold = account.onHoldOrNull();
            if (onHold != null) {
                node.set("savingsAmountOnHold", DecimalNode.valueOf(Amounts.accountStyle(onHold)));
            }
            node.set("summary", summary(account));
            if (withTransactions) {
                ArrayNode transactions = node.putArray("transactions");
                // Fineract lists the newest booking first.
                account.transactions().stream().sorted(Comparator.comparingLong(SavingsTransaction::id).reversed())
                        .forEach(t -> transactions.add(transaction(account, t)));
            }
            return node;
        });
    }

    static ObjectNode transaction(SavingsAccount account, SavingsTransaction transaction) {
        ObjectNode node = Json.object();
        node.put("id", transaction.id());
        node.set("transactionType", transactionType(transaction.type()));
        node.put("entryType", transaction.type().entry().name());
        node.put("accountId", account.id());
        node.put("accountNo", account.accountNo());
        node.set("date", Json.date(transaction.date()));
        node.set("currency", currency(account.currency()));
        if (transaction.paymentDetail() != null) {
            node.set("paymentDetailData", paymentDetail(transaction.paymentDetail()));
        }
        node.set("amount", DecimalNode.valueOf(Amounts.accountStyle(transaction.amount())));
        node.set("runningBalance", DecimalNode.valueOf(Amounts.accountStyle(transaction.runningBalance())));
        node.put("reversed", false);
        node.set("submittedOnDate", Json.date(transaction.date()));
        node.put("interestedPostedAsOn", false);
        node.put("submittedByUsername", ADMIN_USER);
        if (transaction.note() != null) {
            node.put("note", transaction.note());
        }
        node.put("isManualTransaction", false);
        node.put("isReversal", false);
        node.put("lienTransaction", false);
        if (transaction.releaseTransactionId() != null) {
            node.put("releaseTransactionId", transaction.releaseTransactionId());
        }
        if (transaction.reasonForBlock() != null) {
            node.put("reasonForBlock", transaction.reasonForBlock());
        }
        node.putArray("chargesPaidByData");
        return node;
    }

    static ObjectNode client(Client client) {
        ObjectNode node = Json.object();
        node.put("id", client.id());
        node.put("accountNo", client.accountNo());
        if (client.externalId() != null) {
            node.put("externalId", client.externalId());
        }
        ObjectNode status = node.putObject("status");
        status.put("id", 300);
        status.put("code", "clientStatusType.active");
        status.put("value", "Active");
        ObjectNode subStatus = node.putObject("subStatus");
        subStatus.put("active", false);
        subStatus.put("mandatory", false);
        node.put("active", true);
        node.set("activationDate", Json.date(client.activatedOn()));
        putIfPresent(node, "firstname", client.firstname());
        putIfPresent(node, "middlename", client.middlename());
        putIfPresent(node, "lastname", client.lastname());
        node.put("displayName", client.displayName());
        putIfPresent(node, "mobileNo", client.mobileNo());
        for (String code : List.of("gender", "clientType", "clientClassification")) {
            ObjectNode empty = node.putObject(code);
            empty.put("active", false);
            empty.put("mandatory", false);
        }
        node.put("isStaff", false);
        node.put("officeId", 1);
        node.put("officeName", "Head Office");
        ObjectNode timeline = node.putObject("timeline");
        timeline.set("submittedOnDate", Json.date(client.activatedOn()));
        timeline.put("submittedByUsername", ADMIN_USER);
        timeline.put("submittedByFirstname", "App");
        timeline.put("submittedByLastname", "Administrator");
        timeline.set("activatedOnDate", Json.date(client.activatedOn()));
        timeline.put("activatedByUsername", ADMIN_USER);
        timeline.put("activatedByFirstname", "App");
        timeline.put("activatedByLastname", "Administrator");
        ObjectNode legalForm = node.putObject("legalForm");
        legalForm.put("id", 1);
        legalForm.put("code", "legalFormType.person");
        legalForm.put("value", "PERSON");
        node.putArray("groups");
        node.putObject("clientNonPersonDetails");
        return node;
    }

    /** Fineract's CommandProcessingResult for savings commands. */
    static ObjectNode commandResult(SavingsAccount account, long resourceId, Map<String, Object> changes) {
        ObjectNode node = Json.object();
        node.put("officeId", 1);
        node.put("clientId", account.client().id());
        node.put("savingsId", account.id());
        node.put("resourceId", resourceId);
        if (changes != null && !changes.isEmpty()) {
            node.set("changes", Json.valueToTree(changes));
        }
        return node;
    }

    private static ObjectNode summary(SavingsAccount account) {
        ObjectNode summary = Json.object();
        summary.set("currency", currency(account.currency()));
        putTotal(summary, account, "totalDeposits", TransactionType.DEPOSIT);
        putTotal(summary, account, "totalWithdrawals", TransactionType.WITHDRAWAL);
        putTotal(summary, account, "totalWithdrawalFees", TransactionType.WITHDRAWAL_FEE);
        summary.put("totalInterestPosted", 0);
        summary.set("accountBalance", DecimalNode.valueOf(Amounts.accountStyle(account.balance())));
        summary.put("totalOverdraftInterestDerived", 0);
        summary.put("interestNotPosted", 0);
        summary.set("availableBalance", DecimalNode.valueOf(Amounts.accountStyle(account.withdrawable())));
        return summary;
    }

    private static void putTotal(ObjectNode summary, SavingsAccount account, String field, TransactionType type) {
        if (account.has(type)) {
            summary.set(field, DecimalNode.valueOf(Amounts.accountStyle(account.total(type))));
        }
    }

    static ObjectNode currency(CurrencyInfo currency) {
        ObjectNode node = Json.object();
        node.put("code", currency.code());
        node.put("name", currency.name());
        node.put("decimalPlaces", currency.decimalPlaces());
        node.put("inMultiplesOf", 0);
        node.put("nameCode", currency.nameCode());
        node.put("displayLabel", currency.displayLabel());
        return node;
    }

    private static ObjectNode status() {
        ObjectNode status = enumOption(300, "savingsAccountStatusType.active", "Active");
        for (String flag : List.of("submittedAndPendingApproval", "approved", "rejected", "withdrawnByApplicant")) {
            status.put(flag, false);
        }
        status.put("active", true);
        for (String flag : List.of("closed", "prematureClosed", "transferInProgress", "transferOnHold", "matured")) {
            status.put(flag, false);
        }
        return status;
    }

    private static ObjectNode subStatus() {
        ObjectNode subStatus = enumOption(0, "SavingsAccountSubStatusEnum.none", "None");
        subStatus.put("none", true);
        for (String flag : List.of("inactive", "dormant", "escheat", "block", "blockCredit", "blockDebit")) {
            subStatus.put(flag, false);
        }
        return subStatus;
    }

    private static ObjectNode timeline(LocalDate activatedOn) {
        ObjectNode timeline = Json.object();
        for (String step : List.of("submitted", "approved", "activated")) {
            timeline.set(step + "OnDate", Json.date(activatedOn));
            timeline.put(step + "ByUsername", ADMIN_USER);
            timeline.put(step + "ByFirstname", "App");
            timeline.put(step + "ByLastname", "Administrator");
        }
        return timeline;
    }

    private static ObjectNode transactionType(TransactionType type) {
        ObjectNode node = enumOption(type.id(), type.code(), type.label());
        node.put("deposit", type == TransactionType.DEPOSIT);
        node.put("dividendPayout", false);
        node.put("withdrawal", type == TransactionType.WITHDRAWAL);
        node.put("interestPosting", false);
        node.put("feeDeduction", type == TransactionType.WITHDRAWAL_FEE);
        node.put("initiateTransfer", false);
        node.put("approveTransfer", false);
        node.put("withdrawTransfer", false);
        node.put("rejectTransfer", false);
        node.put("overdraftInterest", false);
        node.put("writtenoff", false);
        node.put("overdraftFee", false);
        node.put("withholdTax", false);
        node.put("escheat", false);
        node.put("amountHold", type == TransactionType.AMOUNT_HOLD);
        node.put("amountRelease", type == TransactionType.AMOUNT_RELEASE);
        node.put("accrual", false);
        return node;
    }

    private static ObjectNode paymentDetail(PaymentDetail detail) {
        ObjectNode node = Json.object();
        node.put("id", detail.id());
        if (detail.paymentType() != null) {
            ObjectNode type = node.putObject("paymentType");
            type.put("id", detail.paymentType().id());
            type.put("name", detail.paymentType().name());
        }
        putIfPresent(node, "accountNumber", detail.accountNumber());
        putIfPresent(node, "checkNumber", detail.checkNumber());
        putIfPresent(node, "routingCode", detail.routingCode());
        putIfPresent(node, "receiptNumber", detail.receiptNumber());
        putIfPresent(node, "bankNumber", detail.bankNumber());
        return node;
    }

    private static ObjectNode enumOption(long id, String code, String value) {
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("code", code);
        node.put("value", value);
        return node;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
