package io.paymenthub.fineract.simulator.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymenthub.fineract.simulator.http.ApiException;
import io.paymenthub.fineract.simulator.http.JsonBody;
import io.paymenthub.fineract.simulator.interop.InteropRequest.Extension;
import io.paymenthub.fineract.simulator.interop.InteropRequest.Money;
import io.paymenthub.fineract.simulator.interop.InteropRequest.Role;
import io.paymenthub.fineract.simulator.interop.InteropRequest.TransactionType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses and validates interop bodies step by step in Fineract's order, so that the same body gets the same answer:
 * unknown members first (400 error.msg.parameter.unsupported), then the field checks with their doubled errors
 * (see {@link DataValidator}), and an unhandled 500 wherever Fineract calls Enum.valueOf on a missing or unknown
 * value (transactionRole, amountType, scenario, initiator, initiatorType) or reads a non-object as an object.
 * {@code geoCode.longitude} is refused because Fineract's constant for it says "latitude".
 */
final class InteropRequestReader {

    static final String EXPIRATION_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSS[-HH:MM]";

    private static final List<String> REQUEST_PARAMS = List.of("transactionCode", "requestCode", "accountId", "amount",
            "transactionRole", "transactionType", "note", "geoCode", "expiration", "extensionList", "locale", "dateFormat");
    private static final List<String> QUOTE_PARAMS = List.of("transactionCode", "requestCode", "accountId", "amount",
            "transactionType", "transactionRole", "note", "geoCode", "expiration", "extensionList", "quoteCode", "amountType", "fees",
            "locale", "dateFormat");
    private static final List<String> TRANSFER_PARAMS = List.of("transactionCode", "accountId", "amount", "transactionRole",
            "transactionType", "note", "expiration", "extensionList", "transferCode", "fspFee", "fspCommission", "locale",
            "dateFormat");
    private static final List<String> MONEY_PARAMS = List.of("amount", "currency", "locale");
    private static final List<String> TRANSACTION_TYPE_PARAMS = List.of("scenario", "subScenario", "initiator", "initiatorType",
            "refundInfo", "balanceOfPayments");
    private static final List<String> GEO_CODE_PARAMS = List.of("latitude");
    private static final List<String> EXTENSION_PARAMS = List.of("key", "value");

    private InteropRequestReader() {
    }

    /** POST parties: only {accountId}. */
    static String readIdentifierAccountId(JsonNode body) {
        ObjectNode element = JsonBody.requireObject(body);
        JsonBody.checkSupported(element, List.of("accountId"));
        DataValidator validator = new DataValidator("interoperation.identifier");
        String accountId = JsonBody.string(element, "accountId");
        validator.check("accountId", accountId).notBlank();
        validator.merge();
        validator.throwIfErrors();
        return accountId;
    }

    /** POST requests: the role must be PAYER (checked after the common part, so an error there is a 500). */
    static InteropRequest readTransactionRequest(JsonNode body) {
        ObjectNode element = JsonBody.requireObject(body);
        JsonBody.checkSupported(element, REQUEST_PARAMS);
        DataValidator validator = new DataValidator("interoperation.request");
        InteropRequest common = readCommon(validator, element);
        if (common == null) {
            // Fineract dereferences the failed common part here: a NullPointerException.
            throw ApiException.unhandled(500);
        }
        validator.check("requestCode", common.requestCode()).notNull();
        validator.check("transactionType", common.transactionType()).notNull();
        validator.check("transactionRole", common.transactionRole()).ignoreIfNull().oneOf(Role.PAYER);
        validator.merge();
        validator.throwIfErrors();
        return common;
    }

    static InteropRequest readQuote(JsonNode body) {
        ObjectNode element = JsonBody.requireObject(body);
        JsonBody.checkSupported(element, QUOTE_PARAMS);
        DataValidator validator = new DataValidator("interoperation.quote");
        InteropRequest common = readCommon(validator, element);

        String quoteCode = JsonBody.string(element, "quoteCode");
        validator.check("quoteCode", quoteCode).notBlank();
        String amountType = JsonBody.string(element, "amountType");
        validator.check("amountType", amountType).notBlank();
        valueOf(amountType, "SEND", "RECEIVE");
        ObjectNode feesElement = JsonBody.object(element, "fees");
        validator.merge();
        Money fees = readMoney(validator, feesElement);
        validator.check("transactionRole", JsonBody.string(element, "transactionRole")).notNull();
        validator.check("transactionType", JsonBody.object(element, "transactionType")).notNull();
        validator.merge();
        validator.throwIfErrors();
        return new InteropRequest(common.transactionCode(), common.requestCode(), common.accountId(), common.amount(),
                common.transactionRole(), common.transactionType(), common.note(), common.expiration(), common.extensionList(),
                quoteCode, amountType, fees, null, null, null);
    }

    static InteropRequest readTransfer(JsonNode body) {
        ObjectNode element = JsonBody.requireObject(body);
        JsonBody.checkSupported(element, TRANSFER_PARAMS);
        DataValidator validator = new DataValidator("interoperation.transfer");
        InteropRequest common = readCommon(validator, element);

        String transferCode = JsonBody.string(element, "transferCode");
        validator.check("transferCode", transferCode).notBlank();
        ObjectNode feeElement = JsonBody.object(element, "fspFee");
        validator.merge();
        Money fspFee = readMoney(validator, feeElement);
        ObjectNode commissionElement = JsonBody.object(element, "fspCommission");
        validator.merge();
        Money fspCommission = readMoney(validator, commissionElement);
        validator.check("transactionRole", JsonBody.string(element, "transactionRole")).notNull();
        validator.merge();
        validator.throwIfErrors();
        return new InteropRequest(common.transactionCode(), null, common.accountId(), common.amount(), common.transactionRole(),
                common.transactionType(), common.note(), common.expiration(), common.extensionList(), null, null, null, transferCode,
                fspFee, fspCommission);
    }

    /** The members all interop requests share (Fineract's InteropRequestData); null when a check failed. */
    private static InteropRequest readCommon(DataValidator validator, ObjectNode element) {
        String transactionCode = JsonBody.string(element, "transactionCode");
        validator.check("transactionCode", transactionCode).notBlank();
        String requestCode = JsonBody.string(element, "requestCode");
        String accountId = JsonBody.string(element, "accountId");
        validator.check("accountId", accountId).notBlank();
        ObjectNode amountElement = JsonBody.object(element, "amount");
        validator.check("amount", amountElement).notNull();
        validator.merge();
        Money amount = readMoney(validator, amountElement);

        TransactionType transactionType = readTransactionType(validator, JsonBody.object(element, "transactionType"));

        String roleText = JsonBody.string(element, "transactionRole");
        Role role = roleText == null ? Role.PAYER : Role.valueOf(valueOf(roleText, "PAYER", "PAYEE"));
        String note = JsonBody.string(element, "note");
        readGeoCode(validator, JsonBody.object(element, "geoCode"));

        LocalDateTime expiration = readExpiration(element);
        List<Extension> extensions = readExtensions(validator, JsonBody.array(element, "extensionList"));

        return validator.hasErrors() ? null
                : new InteropRequest(transactionCode, requestCode, accountId, amount, role, transactionType, note, expiration,
                        extensions, null, null, null, null, null, null);
    }

    private static Money readMoney(DataValidator validator, ObjectNode element) {
        if (element == null) {
            return null;
        }
        JsonBody.checkSupported(element, MONEY_PARAMS);
        Locale locale = JsonBody.string(element, "locale") == null ? Locale.US : JsonBody.locale(element);
        BigDecimal amount = JsonBody.decimal(element, "amount", locale);
        validator.check("amount", amount).notBlank().zeroOrPositive();
        String currency = JsonBody.string(element, "currency");
        validator.check("currency", currency).notBlank().maxLength(3);
        validator.merge();
        return validator.hasErrors() ? null : new Money(amount, currency);
    }

    private static TransactionType readTransactionType(DataValidator validator, ObjectNode element) {
        if (element == null) {
            return null;
        }
        JsonBody.checkSupported(element, TRANSACTION_TYPE_PARAMS);
        String scenario = JsonBody.string(element, "scenario");
        validator.check("scenario", scenario).notBlank();
        valueOf(scenario, "DEPOSIT", "WITHDRAWAL", "TRANSFER", "PAYMENT", "REFUND");
        String subScenario = JsonBody.string(element, "subScenario");
        String initiator = JsonBody.string(element, "initiator");
        validator.check("initiator", initiator).notBlank();
        valueOf(initiator, "PAYER", "PAYEE");
        String initiatorType = JsonBody.string(element, "initiatorType");
        validator.check("initiatorType", initiatorType).notBlank();
        valueOf(initiatorType, "CONSUMER", "AGENT", "BUSINESS", "DEVICE");
        validator.merge();
        return validator.hasErrors() ? null : new TransactionType(scenario, subScenario, initiator, initiatorType);
    }

    private static void readGeoCode(DataValidator validator, ObjectNode element) {
        if (element == null) {
            return;
        }
        JsonBody.checkSupported(element, GEO_CODE_PARAMS);
        validator.check("latitude", JsonBody.string(element, "latitude")).notBlank();
        // Fineract reads "longitude" through a constant whose value is "latitude".
        validator.check("latitude", JsonBody.string(element, "latitude")).notBlank();
        validator.merge();
    }

    /** Without a locale the expiration uses Fineract's ISO pattern; with one, the body's dateFormat (none: 500). */
    private static LocalDateTime readExpiration(ObjectNode element) {
        if (JsonBody.string(element, "locale") == null) {
            return JsonBody.dateTime(element, "expiration", EXPIRATION_FORMAT, Locale.US);
        }
        Locale locale = JsonBody.locale(element);
        JsonNode expiration = element.get("expiration");
        if (expiration == null || expiration.isNull() || expiration.isContainerNode()) {
            return null;
        }
        String dateFormat = JsonBody.string(element, "dateFormat");
        if (dateFormat == null) {
            throw ApiException.unhandled(500);
        }
        return JsonBody.dateTime(element, "expiration", dateFormat, locale);
    }

    private static List<Extension> readExtensions(DataValidator validator, ArrayNode array) {
        if (array == null) {
            return null;
        }
        List<Extension> extensions = new ArrayList<>();
        for (JsonNode item : array) {
            if (item.isObject()) {
                ObjectNode extension = (ObjectNode) item;
                JsonBody.checkSupported(extension, EXTENSION_PARAMS);
                String key = JsonBody.string(extension, "key");
                validator.check("key", key).notBlank();
                validator.merge();
                extensions.add(new Extension(key, JsonBody.string(extension, "value")));
            }
        }
        return extensions;
    }

    /** Enum.valueOf as Fineract calls it: a missing or unknown constant is an unhandled 500. */
    private static String valueOf(String text, String... constants) {
        if (text != null) {
            for (String constant : constants) {
                if (constant.equals(text)) {
                    return text;
                }
            }
        }
        throw ApiException.unhandled(500);
    }
}
