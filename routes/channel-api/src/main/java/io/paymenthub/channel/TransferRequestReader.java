package io.paymenthub.channel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.flow.payer.TransferRequest;
import io.paymenthub.fspiop.FspiopAmount;
import io.paymenthub.fspiop.ilp.IlpAmount;

/**
 * Reads and checks a channel's "create a transfer" body. Every problem is listed in one 400, so a
 * channel developer fixes them in one go; amounts must be decimal strings, as on FSPIOP.
 *
 * <pre>{"payer":{"idType":"MSISDN","idValue":"255700000001"},"payee":{"idType":"MSISDN","idValue":"255710000001"},
 *  "amount":{"amount":"10.50","currency":"USD"},"scenario":"TRANSFER","note":"rent","clientRef":"order-42"}</pre>
 */
final class TransferRequestReader {

    static final Set<String> SCENARIOS = Set.of("TRANSFER", "PAYMENT");
    private static final Set<String> MEMBERS = Set.of("payer", "payee", "amount", "scenario", "note", "clientRef");
    private static final int MAX_TEXT = 128;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TransferRequestReader() {
    }

    /** @param what what the body asks for, for the error message: "transfer" or "request to pay" */
    static TransferRequest read(Tenant tenant, String body, String what) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ChannelException(400, "MALFORMED_JSON", "The body is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new ChannelException(400, "MALFORMED_JSON", "The body must be a JSON object");
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                problems.add("unknown member '" + name + "'");
            }
        }
        PartyId payer = party(json, "payer", problems);
        PartyId payee = party(json, "payee", problems);
        JsonNode money = json.path("amount");
        BigDecimal amount = null;
        String currency = null;
        if (!money.isObject()) {
            problems.add("amount must be an object {\"amount\":\"10.50\",\"currency\":\"USD\"}");
        } else {
            currency = money.path("currency").asText(null);
            if (!money.path("amount").isTextual()) {
                problems.add("amount.amount must be a string such as \"10.50\" (never a JSON number)");
                checkCurrency(tenant, currency, "amount.currency", problems);
            } else {
                amount = amount(tenant, money.path("amount").asText(), currency, "amount.amount", "amount.currency", problems);
            }
        }
        String scenario = json.path("scenario").asText("TRANSFER");
        if (!SCENARIOS.contains(scenario)) {
            problems.add("scenario must be TRANSFER or PAYMENT");
        }
        String note = text(json, "note", problems);
        String clientRef = text(json, "clientRef", problems);
        if (payer != null && payee != null && payer.equals(payee)) {
            problems.add("payer and payee are the same party");
        }
        if (!problems.isEmpty()) {
            throw new ChannelException(400, "VALIDATION", "Invalid " + what + ": " + String.join("; ", problems));
        }
        return new TransferRequest(payer, payee, amount, currency, scenario, note, clientRef);
    }

    /**
     * A decimal amount as channels and files give it, in one of the tenant's currencies and with no
     * more decimals than the currency has; null with the problems listed otherwise.
     */
    static BigDecimal amount(Tenant tenant, String text, String currency, String amountName, String currencyName, List<String> problems) {
        BigDecimal amount = null;
        try {
            BigDecimal parsed = new BigDecimal(text);
            if (parsed.signum() <= 0) {
                problems.add(amountName + " must be more than 0");
            } else if (!FspiopAmount.isValidAmount(FspiopAmount.normalise(parsed)) || text.contains("e") || text.contains("E")) {
                problems.add(amountName + " '" + text + "' has too many digits or decimals (at most 18 and 4)");
            } else {
                amount = parsed;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            problems.add(amountName + " '" + text + "' is not a decimal number");
        } catch (IllegalArgumentException e) {
            problems.add(amountName + " '" + text + "': " + e.getMessage());
        }
        if (!checkCurrency(tenant, currency, currencyName, problems)) {
            return null;
        }
        if (amount != null) {
            // 1.234 USD cannot be booked nor carried in an ILP packet: refused here, not 30 s later by the switch.
            OptionalInt minorUnits = IlpAmount.decimals(currency);
            if (minorUnits.isPresent() && amount.stripTrailingZeros().scale() > minorUnits.getAsInt()) {
                problems.add(amountName + " '" + text + "' has more decimals than " + currency + " has (" + minorUnits.getAsInt() + ")");
                return null;
            }
        }
        return amount;
    }

    private static boolean checkCurrency(Tenant tenant, String currency, String currencyName, List<String> problems) {
        if (currency == null || !tenant.currencies().contains(currency)) {
            problems.add(currencyName + " must be one of " + tenant.currencies());
            return false;
        }
        return true;
    }

    /** A party identifier as channels and files give it; null with the problems listed otherwise. */
    static PartyId party(String type, String value, String typeName, String valueName, List<String> problems) {
        boolean valid = true;
        if (type == null || !PartyId.TYPES.contains(type)) {
            problems.add(typeName + " must be one of " + PartyId.TYPES);
            valid = false;
        }
        if (!PartyId.isValidValue(value)) {
            problems.add(valueName + " must be 1 to " + PartyId.MAX_VALUE_LENGTH + " characters, without '/'");
            valid = false;
        }
        return valid ? PartyId.of(type, value) : null;
    }

    private static PartyId party(JsonNode json, String member, List<String> problems) {
        JsonNode party = json.path(member);
        if (!party.isObject()) {
            problems.add(member + " must be an object {\"idType\":\"MSISDN\",\"idValue\":\"...\"}");
            return null;
        }
        return party(party.path("idType").asText(null), party.path("idValue").asText(null), member + ".idType", member + ".idValue",
                problems);
    }

    private static String text(JsonNode json, String member, List<String> problems) {
        JsonNode node = json.path(member);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > MAX_TEXT) {
            problems.add(member + " must be a string of 1 to " + MAX_TEXT + " characters");
            return null;
        }
        return node.asText();
    }
}
