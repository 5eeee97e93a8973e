package io.paymenthub.fineract.simulator.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymenthub.fineract.simulator.http.ApiException;
import io.paymenthub.fineract.simulator.http.FineractErrors;
import io.paymenthub.fineract.simulator.interop.InteropRequest.Money;
import io.paymenthub.fineract.simulator.ledger.Amounts;
import io.paymenthub.fineract.simulator.ledger.CurrencyInfo;
import io.paymenthub.fineract.simulator.ledger.IdentifierDirectory;
import io.paymenthub.fineract.simulator.ledger.InsufficientBalanceException;
import io.paymenthub.fineract.simulator.ledger.InteropIdentifier;
import io.paymenthub.fineract.simulator.ledger.PaymentDetail;
import io.paymenthub.fineract.simulator.ledger.SavingsAccount;
import io.paymenthub.fineract.simulator.ledger.SavingsTransaction;
import io.paymenthub.fineract.simulator.ledger.Tenant;
import io.paymenthub.fineract.simulator.ledger.TransactionType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The rules of Fineract's InteropServiceImpl on the simulator's ledger, including its quirks: a second PREPARE
 * says "already committed" and a second CREATE "already on hold"; a CREATE after a RELEASE still debits; PREPARE as
 * payee does not even look at the account.
 */
final class InteropService {

    private final Tenant tenant;

    InteropService(Tenant tenant) {
        this.tenant = tenant;
    }

    ObjectNode accountDetails(String accountId) {
        return InteropResponses.account(account(accountId));
    }

    ObjectNode identifiers(String accountId) {
        return InteropResponses.identifiers(account(accountId));
    }

    /** Fineract's GET accounts/{id}/transactions fails on a real server (recorded): known accounts get a 500. */
    ObjectNode transactions(String accountId) {
        account(accountId);
        throw ApiException.unhandled(500);
    }

    ObjectNode party(String idType, String idValue, String subIdOrType) {
        return InteropResponses.party(findIdentifier(idType, idValue, subIdOrType));
    }

    ObjectNode registerParty(String idType, String idValue, String subIdOrType, JsonNode body) {
        String accountId = InteropRequestReader.readIdentifierAccountId(body);
        SavingsAccount account = account(accountId);
        IdentifierDirectory.Registration registration = tenant.identifiers().register(idType, idValue, subIdOrType, account);
        return switch (registration.violation()) {
            case NONE -> InteropResponses.party(registration.identifier());
            case ACCOUNT_AND_TYPE -> throw FineractErrors.dataIntegrity("error.msg.interop.duplicate.account.identifier",
                    "Account identifier of type `" + idType + "' already exists for account with externalId `" + accountId + "`",
                    "idType", idType, accountId);
            case TYPE_VALUE_SUBTYPE -> throw FineractErrors.dataIntegrity("error.msg.interop.unknown.data.integrity.issue",
                    "Unknown data integrity issue with resource: ERROR: duplicate key value violates unique constraint"
                            + " \"uk_interop_identifier_value\"",
                    null);
        };
    }

    ObjectNode deleteParty(String idType, String idValue, String subIdOrType) {
        InteropIdentifier identifier = findIdentifier(idType, idValue, subIdOrType);
        tenant.identifiers().remove(identifier);
        return InteropResponses.party(identifier);
    }

    ObjectNode createTransactionRequest(JsonNode body) {
        InteropRequest request = InteropRequestReader.readTransactionRequest(body);
        validatedAccount(request);
        return InteropResponses.transactionRequest(request, "ACCEPTED", tenant.zone());
    }

    ObjectNode createQuote(JsonNode body) {
        InteropRequest request = InteropRequestReader.readQuote(body);
        SavingsAccount account = validatedAccount(request);
        BigDecimal amount = request.amount().amount();
        BigDecimal fee = account.locked(() -> {
            if (!request.isDebit()) {
                return BigDecimal.ZERO;
            }
            BigDecimal quoteFee = account.quoteFee(amount);
            BigDecimal withdrawable = account.withdrawable();
            if (withdrawable.compareTo(amount.add(quoteFee)) < 0) {
                throw insufficient("error.msg.savingsaccount.transaction.insufficient.account.balance.withdraw",
                        account.externalId(), Amounts.plain(withdrawable), quoteFee, amount);
            }
            return quoteFee;
        });
        return InteropResponses.quote(request, fee, account.currency().code(), tenant.zone());
    }

    ObjectNode prepareTransfer(JsonNode body) {
        InteropRequest request = InteropRequestReader.readTransfer(body);
        if (request.isDebit()) {
            SavingsAccount account = validatedAccount(request);
            account.locked(() -> {
                BigDecimal total = totalTransferAmount(request, account);
                BigDecimal withdrawable = account.withdrawable();
                if (withdrawable.compareTo(total) < 0) {
                    throw insufficient("error.msg.savingsaccount.transaction.insufficient.account.balance", account.externalId(),
                            Amounts.plain(withdrawable), null, total);
                }
                if (account.findInterop(TransactionType.AMOUNT_HOLD, request.transferCode()).isPresent()) {
                    throw FineractErrors.domainRule("error.msg.interop.transfer.already.committed", "Transaction with transferCode "
                            + request.transferCode() + " already committed for account " + account.externalId());
                }
                return account.hold(total, tenant.today(), interopPaymentDetail(account, request), null);
            });
        }
        return InteropResponses.transfer(request, tenant.now(), tenant.zone());
    }

    ObjectNode commitTransfer(JsonNode body) {
        InteropRequest request = InteropRequestReader.readTransfer(body);
        SavingsAccount account = validatedAccount(request);
        LocalDateTime completed = tenant.now();
        LocalDate today = tenant.today();
        account.locked(() -> {
            TransactionType booking = request.isDebit() ? TransactionType.WITHDRAWAL : TransactionType.DEPOSIT;
            if (account.findInterop(booking, request.transferCode()).isPresent()) {
                throw FineractErrors.domainRule("error.msg.interop.transfer.already.on.hold", "Transaction with transferCode "
                        + request.transferCode() + " already on hold for account " + account.externalId());
            }
            PaymentDetail detail = interopPaymentDetail(account, request);
            if (!request.isDebit()) {
                return account.deposit(request.amount().amount(), today, detail, request.note());
            }
            SavingsTransaction hold = account.findInterop(TransactionType.AMOUNT_HOLD, request.transferCode())
                    .orElseThrow(() -> holdMissing(account, request));
            BigDecimal total = totalTransferAmount(request, account);
            if (hold.amount().compareTo(total) != 0) {
                throw holdMissing(account, request);
            }
            BigDecimal withdrawable = account.withdrawable();
            if (withdrawable.add(hold.amount()).compareTo(total) < 0) {
                throw insufficient("error.msg.savingsaccount.transaction.insufficient.account.balance", account.externalId(),
                        Amounts.plain(withdrawable), null, total);
            }
            try {
                // A hold already released (RELEASE, then CREATE) is not checked again: Fineract debits anyway.
                return account.withdrawHeld(hold, request.amount().amount(), today, detail, request.note());
            } catch (InsufficientBalanceException e) {
                throw insufficient("error.msg.savingsaccount.transaction.insufficient.account.balance", "transactionAmount",
                        Amounts.plain(e.accountBalance()), null, e.transactionAmount());
            }
        });
        return InteropResponses.transfer(request, completed, tenant.zone());
    }

    ObjectNode releaseTransfer(JsonNode body) {
        InteropRequest request = InteropRequestReader.readTransfer(body);
        SavingsAccount account = validatedAccount(request);
        LocalDateTime completed = tenant.now();
        account.locked(() -> {
            SavingsTransaction hold = account.findInterop(TransactionType.AMOUNT_HOLD, request.transferCode())
                    .filter(SavingsTransaction::isActiveHold)
                    .orElseThrow(() -> holdMissing(account, request));
            return account.release(hold, tenant.today());
        });
        return InteropResponses.transfer(request, completed, tenant.zone());
    }

    /** Fineract's validateAndGetSavingAccount(request): account, currency, transaction allowed, amount currencies. */
    private SavingsAccount validatedAccount(InteropRequest request) {
        SavingsAccount account = account(request.accountId());
        String requested = request.amount().currency();
        if (!CurrencyInfo.isKnown(requested)) {
            // Fineract's currency lookup returns null for a code it does not know, and then fails.
            throw ApiException.unhandled(500);
        }
        String accountCurrency = account.currency().code();
        if (!accountCurrency.equals(requested)) {
            throw differentCurrencies(accountCurrency, requested);
        }
        LocalDate expiration = request.expiration() == null ? null : request.expiration().toLocalDate();
        if (expiration != null && (expiration.isAfter(tenant.today()) || expiration.isBefore(account.activatedOn()))) {
            throw FineractErrors.domainRule("error.msg.interop.transaction.not.allowed",
                    "Transaction not allowed on account " + request.accountId());
        }
        // Fineract normalises the quote's fees and the transfer's fspFee by currency and fails on a mismatch.
        Money fee = request.fees() != null ? request.fees() : request.fspFee();
        if (fee != null && !accountCurrency.equals(fee.currency())) {
            throw ApiException.unhandled(500);
        }
        return account;
    }

    /** amount + fspFee - fspCommission (never below zero), as Fineract computes the hold. */
    private static BigDecimal totalTransferAmount(InteropRequest request, SavingsAccount account) {
        String currency = account.currency().code();
        BigDecimal total = request.amount().amount();
        if (request.fspFee() != null) {
            if (!currency.equals(request.fspFee().currency())) {
                throw differentCurrencies(currency, request.fspFee().currency());
            }
            total = total.add(request.fspFee().amount());
        }
        if (request.fspCommission() != null) {
            if (!currency.equals(request.fspCommission().currency())) {
                throw differentCurrencies(currency, request.fspCommission().currency());
            }
            total = total.subtract(request.fspCommission().amount()).max(BigDecimal.ZERO);
        }
        return total;
    }

    private PaymentDetail interopPaymentDetail(SavingsAccount account, InteropRequest request) {
        return tenant.paymentDetail(tenant.interopPaymentType(), account.externalId(), null, PaymentDetail.INTEROP_ROUTING_CODE,
                request.transferCode(), null);
    }

    private InteropIdentifier findIdentifier(String idType, String idValue, String subIdOrType) {
        List<InteropIdentifier> found = tenant.identifiers().find(idType, idValue, subIdOrType);
        if (found.isEmpty()) {
            throw FineractErrors.notFound("error.msg.interop.account.not.found", "Account not found for identifier " + idType + "/"
                    + idValue + (subIdOrType == null ? "" : "/" + subIdOrType));
        }
        if (found.size() > 1) {
            // Possible in Fineract (a null sub-id never collides): its single-result lookup then fails.
            throw ApiException.unhandled(500);
        }
        return found.get(0);
    }

    private SavingsAccount account(String externalId) {
        return tenant.accountByExternalId(externalId).orElseThrow(() -> FineractErrors.notFound(
                "error.msg.saving.account.id.invalid", "Savings account with external identifier " + externalId + " does not exist",
                externalId));
    }

    private static ApiException holdMissing(SavingsAccount account, InteropRequest request) {
        return FineractErrors.notFound("error.msg.interop.onhold.transfer.missing", "No matching transaction with transferCode "
                + request.transferCode() + " found for account " + account.externalId());
    }

    private static ApiException insufficient(String code, Object... args) {
        return FineractErrors.domainRule(code, "Insufficient account balance.", args);
    }

    private static ApiException differentCurrencies(String from, String to) {
        return FineractErrors.domainRule("error.msg.accounttransfer.different.currencies", "Trying to transfer from " + from + " to " + to);
    }
}
