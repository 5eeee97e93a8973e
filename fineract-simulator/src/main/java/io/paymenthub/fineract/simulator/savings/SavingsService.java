package io.paymenthub.fineract.simulator.savings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymenthub.fineract.simulator.http.ApiException;
import io.paymenthub.fineract.simulator.http.Call;
import io.paymenthub.fineract.simulator.http.FineractErrors;
import io.paymenthub.fineract.simulator.http.Json;
import io.paymenthub.fineract.simulator.http.JsonBody;
import io.paymenthub.fineract.simulator.ledger.Amounts;
import io.paymenthub.fineract.simulator.ledger.InsufficientBalanceException;
import io.paymenthub.fineract.simulator.ledger.PaymentDetail;
import io.paymenthub.fineract.simulator.ledger.PaymentType;
import io.paymenthub.fineract.simulator.ledger.SavingsAccount;
import io.paymenthub.fineract.simulator.ledger.SavingsTransaction;
import io.paymenthub.fineract.simulator.ledger.Tenant;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Fineract's savings transaction commands (deposit, withdrawal, holdAmount, releaseAmount) and reads. */
final class SavingsService {

    private static final List<String> TRANSACTION_PARAMS = List.of("locale", "dateFormat", "transactionDate", "transactionAmount",
            "paymentTypeId", "accountNumber", "checkNumber", "routingCode", "receiptNumber", "bankNumber", "retailEntries",
            "childAccountId", "note");
    private static final List<String> HOLD_PARAMS = List.of("transactionDate", "dateFormat", "locale", "transactionAmount",
            "lienAllowed", "reasonForBlock");
    private static final String TRANSACTION_RESOURCE = "savingsaccount.transaction";
    private static final String ACCOUNT_RESOURCE = "savingsaccount";

    /** The page size of a search that names none. */
    private static final int SEARCH_DEFAULT_LIMIT = 50;

    private final Tenant tenant;

    SavingsService(Tenant tenant) {
        this.tenant = tenant;
    }

    ObjectNode account(long savingsId, boolean withTransactions) {
        return SavingsResponses.account(account(savingsId), withTransactions);
    }

    ObjectNode accountByExternalId(String externalId, boolean withTransactions) {
        SavingsAccount account = tenant.accountByExternalId(externalId).orElseThrow(() -> FineractErrors.notFound(
                "error.msg.saving.account.id.invalid", "Savings account with external identifier " + externalId + " does not exist",
                externalId));
        return SavingsResponses.account(account, withTransactions);
    }

    ObjectNode transaction(long savingsId, long transactionId) {
        SavingsAccount account = account(savingsId);
        SavingsTransaction transaction = account.transaction(transactionId).orElseThrow(() -> FineractErrors.notFound(
                "error.msg.saving.account.trasaction.id.invalid", "Savings account with savings identifier " + savingsId
                        + " and trasaction identifier " + transactionId + " does not exist",
                savingsId, transactionId));
        return SavingsResponses.transaction(account, transaction);
    }

    /**
     * {@code GET savingsaccounts/{id}/transactions/search}: the account's bookings with a value date
     * in [fromDate, toDate], a page ({@code offset}, {@code limit}) at a time, as {@code {total, content}}.
     * Sorted by id, ascending unless {@code sortOrder=DESC}.
     */
    ObjectNode searchTransactions(long savingsId, io.paymenthub.fineract.simulator.http.Call call) {
        SavingsAccount account = account(savingsId);
        ObjectNode dates = Json.object();
        for (String name : List.of("fromDate", "toDate", "dateFormat", "locale")) {
            if (call.queryParam(name) != null) {
                dates.put(name, call.queryParam(name));
            }
        }
        LocalDate from = JsonBody.date(dates, "fromDate");
        LocalDate to = JsonBody.date(dates, "toDate");
        int offset = wholeQueryParam(call, "offset", 0);
        int limit = wholeQueryParam(call, "limit", SEARCH_DEFAULT_LIMIT);
        boolean descending = "DESC".equalsIgnoreCase(call.queryParam("sortOrder"));
        List<SavingsTransaction> found = account.transactions().stream()
                .filter(t -> (from == null || !t.date().isBefore(from)) && (to == null || !t.date().isAfter(to)))
                .sorted(descending ? Comparator.comparingLong(SavingsTransaction::id).reversed()
                        : Comparator.comparingLong(SavingsTransaction::id))
                .toList();
        ObjectNode page = Json.object();
        page.put("total", found.size());
        ArrayNode content = page.putArray("content");
        found.stream().skip(offset).limit(limit).forEach(t -> content.add(SavingsResponses.transaction(account, t)));
        return page;
    }

    private static int wholeQueryParam(io.paymenthub.fineract.simulator.http.Call call, String name, int otherwise) {
        String value = call.queryParam(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            // JAX-RS cannot convert the parameter: a plain 404, as for a bad path id.
            throw ApiException.unhandled(404);
        }
    }

    ObjectNode client(long clientId) {
        return SavingsResponses.client(tenant.client(clientId).orElseThrow(() -> FineractErrors.notFound("error.msg.client.id.invalid",
                "Client with identifier " + clientId + " does not exist", clientId)));
    }

    ObjectNode deposit(long savingsId, JsonNode body) {
        return depositOrWithdrawal(savingsId, body, true);
    }

    ObjectNode withdrawal(long savingsId, JsonNode body) {
        return depositOrWithdrawal(savingsId, body, false);
    }

    ObjectNode holdAmount(long savingsId, JsonNode body) {
        SavingsAccount account = account(savingsId);
        ObjectNode element = JsonBody.requireObject(body);
        JsonBody.checkSupported(element, HOLD_PARAMS);
        LocalDate date = JsonBody.date(element, "transactionDate");
        BigDecimal amount = JsonBody.decimal(element, "transactionAmount", JsonBody.locale(element));
        String reason = JsonBody.string(element, "reasonForBlock");
        return account.locked(() -> {
            List<ObjectNode> errors = new ArrayList<>();
            checkAmount(errors, ACCOUNT_RESOURCE, amount);
            if (reason == null) {
                errors.add(mandatory(ACCOUNT_RESOURCE, "reasonForBlock"));
            } else if (reason.trim().length() > 100) {
                errors.add(FineractErrors.parameterError("validation.msg.savingsaccount.reasonForBlock.exceeds.max.length",
                        "The parameter `reasonForBlock` exceeds max length of 100.", "reasonForBlock", 100, reason));
            }
            if (date == null) {
                errors.add(mandatory(ACCOUNT_RESOURCE, "transactionDate"));
            }
            if (amount == null) {
                // Fineract compares the missing amount with the balance: a NullPointerException.
                throw ApiException.unhandled(500);
            }
            if (amount.compareTo(account.withdrawable()) > 0) {
                errors.add(FineractErrors.parameterError("validation.msg.savingsaccount.insufficient.balance",
                        "Failed data validation due to: insufficient.balance.", null, null, new Object[] {account.id()}));
            }
            LocalDate last = account.lastTransactionDate();
            if (date != null && last != null && date.isBefore(last)) {
                errors.add(FineractErrors.parameterError(
                        "validation.msg.savingsaccount.date.validation.msg.date.can.not.be.before.last.transaction.date",
                        "Failed data validation due to: validation.msg.date.can.not.be.before.last.transaction.date.", "date", last,
                        new Object[] {"Amount can be put on hold only after last transaction"}));
            }
            if (!errors.isEmpty()) {
                throw FineractErrors.validation(errors);
            }
            SavingsTransaction hold = account.hold(amount, date, null, reason);
            return SavingsResponses.commandResult(account, hold.id(), null);
        });
    }

    ObjectNode releaseAmount(long savingsId, long transactionId) {
        SavingsAccount account = tenant.account(savingsId).orElseThrow(() -> ApiException.unhandled(500));
        return account.locked(() -> {
            // Fineract dereferences the looked-up transaction before validating it: unknown ids are a 500.
            SavingsTransaction hold = account.transaction(transactionId).orElseThrow(() -> ApiException.unhandled(500));
            if (!hold.isActiveHold()) {
                throw FineractErrors.validation(FineractErrors.parameterError(
                        "validation.msg.savingsaccount.amount.validation.msg.amount.is.not.on.hold",
                        "Failed data validation due to: validation.msg.amount.is.not.on.hold.", "amount",
                        Amounts.accountStyle(hold.amount()), new Object[] {"Transaction amount is not on hold"}));
            }
            SavingsTransaction release = account.release(hold, tenant.today());
            return SavingsResponses.commandResult(account, release.id(), null);
        });
    }

    private ObjectNode depositOrWithdrawal(long savingsId, JsonNode body, boolean deposit) {
        ObjectNode element = JsonBody.requireObject(body);
        JsonBody.checkSupported(element, TRANSACTION_PARAMS);
        LocalDate date = JsonBody.date(element, "transactionDate");
        Locale locale = JsonBody.locale(element);
        BigDecimal amount = JsonBody.decimal(element, "transactionAmount", locale);
        Long paymentTypeId = JsonBody.longValue(element, "paymentTypeId");
        List<ObjectNode> errors = new ArrayList<>();
        if (date == null) {
            errors.add(mandatory(TRANSACTION_RESOURCE, "transactionDate"));
        }
        checkAmount(errors, TRANSACTION_RESOURCE, amount);
        if (paymentTypeId == null) {
            errors.add(mandatory(TRANSACTION_RESOURCE, "paymentTypeId"));
        }
        if (!errors.isEmpty()) {
            throw FineractErrors.validation(errors);
        }

        PaymentType paymentType = tenant.paymentType(paymentTypeId).orElseThrow(() -> FineractErrors.notFound(
                "error.msg.payment.type.invalid", "PaymentType with " + paymentTypeId + " does not exist", paymentTypeId));
        Map<String, Object> changes = new LinkedHashMap<>();
        PaymentDetail detail = paymentDetail(element, paymentType, changes);
        SavingsAccount account = account(savingsId);
        checkDate(element, account, date);
        String note = JsonBody.string(element, "note");
        SavingsTransaction transaction;
        try {
            transaction = deposit ? account.deposit(amount, date, detail, note) : account.withdraw(amount, date, detail, note);
        } catch (InsufficientBalanceException e) {
            throw FineractErrors.domainRule("error.msg.savingsaccount.transaction.insufficient.account.balance",
                    "Insufficient account balance.", "transactionAmount", Amounts.plain(e.accountBalance()), null, e.transactionAmount());
        }
        return SavingsResponses.commandResult(account, transaction.id(), changes);
    }

    private PaymentDetail paymentDetail(ObjectNode element, PaymentType paymentType, Map<String, Object> changes) {
        String[] fields = {"accountNumber", "checkNumber", "routingCode", "receiptNumber", "bankNumber"};
        String[] values = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = JsonBody.string(element, fields[i]);
            if (values[i] != null) {
                changes.put(fields[i], values[i]);
            }
        }
        changes.put("paymentTypeId", paymentType.id());
        return tenant.paymentDetail(paymentType, values[0], values[1], values[2], values[3], values[4]);
    }

    /** Fineract's savings rules on the transaction date: not in the future, not before the activation. */
    private void checkDate(ObjectNode element, SavingsAccount account, LocalDate date) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern(JsonBody.string(element, "dateFormat"), JsonBody.locale(element));
        if (date.isAfter(tenant.today())) {
            throw FineractErrors.validation(FineractErrors.parameterError("error.msg.savingsaccount.transaction.in.the.future",
                    "Transaction date cannot be in the future.", "transactionDate", date.format(format)));
        }
        if (date.isBefore(account.activatedOn())) {
            throw FineractErrors.validation(FineractErrors.parameterError("error.msg.savingsaccount.transaction.before.activation.date",
                    "Transaction date cannot be before accounts activation date.", "transactionDate", date.format(format),
                    account.activatedOn().format(format)));
        }
    }

    private static void checkAmount(List<ObjectNode> errors, String resource, BigDecimal amount) {
        if (amount == null) {
            errors.add(mandatory(resource, "transactionAmount"));
        } else if (amount.signum() <= 0) {
            errors.add(FineractErrors.parameterError("validation.msg." + resource + ".transactionAmount.not.greater.than.zero",
                    "The parameter `transactionAmount` must be greater than 0.", "transactionAmount", Amounts.accountStyle(amount), 0));
        }
    }

    private static ObjectNode mandatory(String resource, String parameter) {
        return FineractErrors.parameterError("validation.msg." + resource + "." + parameter + ".cannot.be.blank",
                "The parameter `" + parameter + "` is mandatory.", parameter, (Object) null);
    }

    private SavingsAccount account(long savingsId) {
        return tenant.account(savingsId).orElseThrow(() -> FineractErrors.notFound("error.msg.saving.account.id.invalid",
                "Savings account with identifier " + savingsId + " does not exist", savingsId));
    }
}
