package io.paymenthub.fspiop.ilp;

import com.fasterxml.jackson.databind.JsonNode;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopErrorCode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a payee checks on an incoming POST /transfers before it credits anyone: that the body
 * matches the packet it issued for the quote (the SDK's {@code validateIlpAgainstTransferRequest}:
 * payer and payee FSP, amount, currency), that the condition is the one of the fulfilment its
 * secret gives for that packet (and, in v4, the one inside the packet), and that neither the
 * quote nor the transfer has expired.
 */
public final class IlpTransferCheck {

    /** What did not match, with the FSPIOP error to answer in {@code PUT /transfers/{ID}/error}. */
    public enum Kind {
        ILP_PACKET(FspiopErrorCode.VALIDATION_ERROR),
        PAYER_FSP(FspiopErrorCode.VALIDATION_ERROR),
        PAYEE_FSP(FspiopErrorCode.VALIDATION_ERROR),
        CURRENCY(FspiopErrorCode.VALIDATION_ERROR),
        AMOUNT(FspiopErrorCode.VALIDATION_ERROR),
        CONDITION(FspiopErrorCode.VALIDATION_ERROR),
        QUOTE_EXPIRED(FspiopErrorCode.QUOTE_EXPIRED),
        TRANSFER_EXPIRED(FspiopErrorCode.TRANSFER_EXPIRED),
        TRANSFER_EXPIRATION_MISSING(FspiopErrorCode.MISSING_ELEMENT),
        TRANSFER_EXPIRATION_MALFORMED(FspiopErrorCode.MALFORMED_SYNTAX);

        private final FspiopErrorCode errorCode;

        Kind(FspiopErrorCode errorCode) {
            this.errorCode = errorCode;
        }

        public FspiopErrorCode errorCode() {
            return errorCode;
        }
    }

    public record Mismatch(Kind kind, String detail) {

        public Mismatch {
            Objects.requireNonNull(kind, "kind");
        }

        public ErrorInformation errorInformation() {
            return ErrorInformation.of(kind.errorCode(), detail);
        }
    }

    /**
     * @param packet      the decoded packet, null when it could not be read
     * @param fulfilment  what this secret gives for the packet, null when it could not be read;
     *                    send it only when {@link #ok()}
     */
    public record Result(DecodedIlpPacket packet, String fulfilment, List<Mismatch> mismatches) {

        public Result {
            mismatches = List.copyOf(mismatches);
        }

        public boolean ok() {
            return mismatches.isEmpty();
        }

        /** Whether everything matched but the time: the quote or the transfer expired. */
        public boolean failsOnlyOnExpiry() {
            return !mismatches.isEmpty() && mismatches.stream()
                    .allMatch(m -> m.kind() == Kind.QUOTE_EXPIRED || m.kind() == Kind.TRANSFER_EXPIRED);
        }

        /** The error to answer with: the first mismatch's. */
        public Optional<ErrorInformation> error() {
            return mismatches.stream().findFirst().map(Mismatch::errorInformation);
        }
    }

    private IlpTransferCheck() {
    }

    /**
     * @param ilp      the payee's ILP, of the version and secret it quoted with
     * @param transfer the POST /transfers body
     * @param now      the time to judge expiry by
     */
    public static Result check(MojaloopIlp ilp, JsonNode transfer, Instant now) {
        List<Mismatch> mismatches = new ArrayList<>();
        DecodedIlpPacket packet;
        String fulfilment;
        try {
            packet = ilp.decode(text(transfer, "ilpPacket"));
            fulfilment = ilp.fulfilmentOf(text(transfer, "ilpPacket"));
        } catch (IlpException e) {
            return new Result(null, null, List.of(new Mismatch(Kind.ILP_PACKET, "ilpPacket: " + e.getMessage())));
        }
        TransactionObject tx = packet.transactionObject();

        compare(mismatches, Kind.PAYER_FSP, "payerFsp", text(transfer, "payerFsp"), tx.text("payer", "partyIdInfo", "fspId"));
        compare(mismatches, Kind.PAYEE_FSP, "payeeFsp", text(transfer, "payeeFsp"), tx.text("payee", "partyIdInfo", "fspId"));
        String currency = text(transfer.path("amount"), "currency");
        compare(mismatches, Kind.CURRENCY, "amount.currency", currency, tx.text("amount", "currency"));
        checkAmount(mismatches, text(transfer.path("amount"), "amount"), currency, tx, packet.amount());

        String condition = text(transfer, "condition");
        if (packet.executionCondition() != null && !packet.executionCondition().equals(condition)) {
            mismatches.add(new Mismatch(Kind.CONDITION, "condition differs from the packet's executionCondition"));
        } else if (!IlpCrypto.verifyFulfilment(fulfilment, condition)) {
            mismatches.add(new Mismatch(Kind.CONDITION, "condition is not the one this payee issued for the packet"));
        }

        packet.expiry().filter(expiry -> !expiry.isAfter(now)).ifPresent(expiry ->
                mismatches.add(new Mismatch(Kind.QUOTE_EXPIRED, "quote expired at " + expiry)));
        checkTransferExpiration(mismatches, text(transfer, "expiration"), now);
        return new Result(packet, fulfilment, mismatches);
    }

    private static void checkAmount(List<Mismatch> mismatches, String amount, String currency,
                                    TransactionObject tx, BigInteger packetAmount) {
        Optional<BigDecimal> transferAmount = decimal(amount);
        Optional<BigDecimal> quotedAmount = tx.text("amount", "amount").flatMap(IlpTransferCheck::decimal);
        if (transferAmount.isEmpty() || quotedAmount.isEmpty()
                || transferAmount.get().compareTo(quotedAmount.get()) != 0) {
            mismatches.add(new Mismatch(Kind.AMOUNT, "amount " + amount + " differs from the quoted "
                    + tx.text("amount", "amount").orElse("(none)")));
            return;
        }
        try {
            if (!IlpAmount.toIlp(amount, currency).equals(packetAmount)) {
                mismatches.add(new Mismatch(Kind.AMOUNT, "amount " + amount + " " + currency
                        + " differs from the packet's " + packetAmount + " minor units"));
            }
        } catch (IlpException e) {
            mismatches.add(new Mismatch(Kind.AMOUNT, e.getMessage()));
        }
    }

    private static void checkTransferExpiration(List<Mismatch> mismatches, String expiration, Instant now) {
        if (expiration == null) {
            mismatches.add(new Mismatch(Kind.TRANSFER_EXPIRATION_MISSING, "expiration"));
            return;
        }
        try {
            Instant expiry = IsoDateTime.parse(expiration);
            if (!expiry.isAfter(now)) {
                mismatches.add(new Mismatch(Kind.TRANSFER_EXPIRED, "transfer expired at " + expiry));
            }
        } catch (IlpException e) {
            mismatches.add(new Mismatch(Kind.TRANSFER_EXPIRATION_MALFORMED, "expiration " + expiration));
        }
    }

    private static void compare(List<Mismatch> mismatches, Kind kind, String field, String actual, Optional<String> quoted) {
        if (actual == null || quoted.isEmpty() || !actual.equals(quoted.get())) {
            mismatches.add(new Mismatch(kind, field + " " + actual + " differs from the quoted " + quoted.orElse("(none)")));
        }
    }

    private static Optional<BigDecimal> decimal(String text) {
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
