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

    static final Set<String> ID_TYPES = Set.of("MSISDN", "EMAIL", "PERSONAL_ID", "BUSINESS", "DEVICE", "ACCOUNT_ID", "IBAN", "ALIAS");
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
            JsonNode value = money.path("amount");
            if (!value.isTextual()) {
                problems.add("amount.amount must be a string such as \"10.50\" (never a JSON number)");
            } else {
                String text = value.asText();
                try {
                    BigDecimal parsed = new BigDecimal(text);
                    if (parsed.signum() <= 0) {
                        problems.add("amount.amount must be more than 0");
                    } else if (!FspiopAmount.isValidAmount(FspiopAmount.normalise(parsed)) || text.contains("e") || text.contains("E")) {
                        problems.add("amount.amount '" + text + "' has too many digits or decimals (at most 18 and 4)");
                    } else {
                        amount = parsed;
                    }
                } catch (NumberFormatException | ArithmeticException e) {
                    problems.add("amount.amount '" + text + "' is not a decimal number");
                } catch (IllegalArgumentException e) {
                    problems.add("amount.amount '" + text + "': " + e.getMessage());
                }
            }
            currency = money.path("currency").asText(null);
            if (currency == null || !tenant.currencies().contains(currency)) {
                problems.add("amount.currency must be one of " + tenant.currencies());
            } else if (amount != null) {
                // 1.234 USD cannot be booked nor carried in an ILP packet: refused here, not 30 s later by the switch.
                OptionalInt minorUnits = IlpAmount.decimals(currency);
                if (minorUnits.isPresent() && amount.stripTrailingZeros().scale() > minorUnits.getAsInt()) {
                    problems.add("amount.amount '" + money.path("amount").asText() + "' has more decimals than " + currency + " has ("
                            + minorUnits.getAsInt() + ")");
                    amount = null;
                }
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

    private static PartyId party(JsonNode json, String member, List<String> problems) {
        JsonNode party = json.path(member);
        if (!party.isObject()) {
            problems.add(member + " must be an object {\"idType\":\"MSISDN\",\"idValue\":\"...\"}");
            return null;
        }
        String type = party.path("idType").asText(null);
        String value = party.path("idValue").asText(null);
        boolean valid = true;
        if (type == null || !ID_TYPES.contains(type)) {
            problems.add(member + ".idType must be one of " + ID_TYPES.stream().sorted().toList());
            valid = false;
        }
        if (value == null || value.isBlank() || value.length() > MAX_TEXT || value.contains("/")) {
            problems.add(member + ".idValue must be 1 to " + MAX_TEXT + " characters, without '/'");
            valid = false;
        }
        return valid ? PartyId.of(type, value) : null;
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
