package io.paymenthub.fineract.simulator.interop;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymenthub.fineract.simulator.http.Json;
import io.paymenthub.fineract.simulator.ledger.Amounts;
import io.paymenthub.fineract.simulator.ledger.InteropIdentifier;
import io.paymenthub.fineract.simulator.ledger.SavingsAccount;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The interop answers, field for field and in the order a real Fineract prints them; null fields are left out. */
final class InteropResponses {

    /** Fineract's ISO_DATE_TIME_PATTERN: 2026-11-28T01:56:42+0000 in the tenant's zone. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private InteropResponses() {
    }

    static String timestamp(LocalDateTime dateTime, ZoneId zone) {
        return dateTime.atZone(zone).format(TIMESTAMP);
    }

    static ObjectNode account(SavingsAccount account) {
        return account.locked(() -> accountUnlocked(account));
    }

    private static ObjectNode accountUnlocked(SavingsAccount account) {
        ObjectNode node = Json.object();
        node.put("accountId", account.externalId());
        node.put("savingProductId", String.valueOf(account.product().id()));
        node.put("productName", account.product().name());
        node.put("shortProductName", account.product().shortName());
        node.put("currency", account.currency().code());
        node.set("accountBalance", DecimalNode.valueOf(Amounts.accountStyle(account.balance())));
        node.set("availableBalance", DecimalNode.valueOf(Amounts.accountStyle(account.withdrawable())));
        node.put("status", "ACTIVE");
        node.put("subStatus", "NONE");
        node.put("accountType", "INDIVIDUAL");
        node.put("depositType", "SAVINGS_DEPOSIT");
        node.set("activatedOn", Json.date(account.activatedOn()));
        node.set("statusUpdateOn", Json.date(account.activatedOn()));
        LocalDate balanceOn = account.lastTransactionDate();
        if (balanceOn != null) {
            node.set("balanceOn", Json.date(balanceOn));
        }
        node.set("identifiers", identifierList(account));
        node.put("clientId", account.client().id());
        return node;
    }

    static ObjectNode identifiers(SavingsAccount account) {
        ObjectNode node = Json.object();
        node.set("identifiers", identifierList(account));
        return node;
    }

    static ObjectNode party(InteropIdentifier identifier) {
        ObjectNode node = Json.object();
        node.put("accountId", identifier.account().externalId());
        node.put("resourceId", identifier.id());
        node.put("resourceIdentifier", String.valueOf(identifier.id()));
        return node;
    }

    static ObjectNode transactionRequest(InteropRequest request, String state, ZoneId zone) {
        ObjectNode node = Json.object();
        node.put("requestCode", request.requestCode());
        return common(node, request.transactionCode(), state, request, zone);
    }

    static ObjectNode requestStub(String transactionCode, String requestCode) {
        ObjectNode node = Json.object();
        node.put("requestCode", requestCode);
        node.put("transactionCode", transactionCode);
        node.put("state", "REJECTED");
        return node;
    }

    static ObjectNode quote(InteropRequest request, BigDecimal fee, String currency, ZoneId zone) {
        ObjectNode node = Json.object();
        node.put("quoteCode", request.quoteCode());
        ObjectNode fspFee = node.putObject("fspFee");
        fspFee.set("amount", DecimalNode.valueOf(fee));
        fspFee.put("currency", currency);
        return common(node, request.transactionCode(), "ACCEPTED", request, zone);
    }

    static ObjectNode transfer(InteropRequest request, LocalDateTime completed, ZoneId zone) {
        ObjectNode node = Json.object();
        node.put("transferCode", request.transferCode());
        node.put("completedTimestamp", timestamp(completed, zone));
        return common(node, request.transactionCode(), "ACCEPTED", request, zone);
    }

    private static ObjectNode common(ObjectNode node, String transactionCode, String state, InteropRequest request, ZoneId zone) {
        node.put("transactionCode", transactionCode);
        node.put("state", state);
        if (request.expiration() != null) {
            node.put("expiration", timestamp(request.expiration(), zone));
        }
        if (request.extensionList() != null) {
            ArrayNode extensions = node.putArray("extensionList");
            for (InteropRequest.Extension extension : request.extensionList()) {
                ObjectNode item = extensions.addObject();
                item.put("key", extension.key());
                if (extension.value() != null) {
                    item.put("value", extension.value());
                }
            }
        }
        return node;
    }

    private static ArrayNode identifierList(SavingsAccount account) {
        ArrayNode list = Json.array();
        for (InteropIdentifier identifier : account.identifiers()) {
            ObjectNode item = list.addObject();
            item.put("idType", identifier.idType());
            item.put("idValue", identifier.idValue());
            if (identifier.subIdOrType() != null) {
                item.put("subIdOrType", identifier.subIdOrType());
            }
        }
        return list;
    }
}
