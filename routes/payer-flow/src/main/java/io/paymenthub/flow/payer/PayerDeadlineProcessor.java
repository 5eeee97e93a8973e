package io.paymenthub.flow.payer;

import java.time.Instant;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.core.step.AnswerWait;
import io.paymenthub.core.step.DeadlineCheck;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.fspiop.FspiopErrorCode;

/**
 * Run on a timer: ends the waits for the switch that are past their deadline, and asks again for
 * steps that have not run for too long (their message ended in a dead-letter queue). An unanswered
 * lookup or quote is sent again, same id, as often as {@link PayerFlowSettings#resends} says, and
 * then ends the transfer (nothing is on hold yet); an unanswered transfer is asked about
 * with {@code GET /transfers/{id}}, and when even that stays unanswered the transfer is UNKNOWN with
 * its hold kept, for an operator to resolve. FSPIOP bulk groups have their own waits ({@link BulkGroups#dues}).
 */
public class PayerDeadlineProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PayerDeadlineProcessor.class);

    private final PayerJournal journal;
    private final PayerFlowSettings settings;
    private final DeadlineCheck check;

    public PayerDeadlineProcessor(PayerTransferStore store, PayerFlowSettings settings, BulkGroups bulkGroups) {
        this.journal = new PayerJournal(store);
        this.settings = settings;
        List<DeadlineCheck.Due<?>> dues = new java.util.ArrayList<>(List.of(
                new DeadlineCheck.Due<>(store::pastDeadline, this::expire, PayerDeadlineProcessor::name),
                new DeadlineCheck.Due<>((now, limit) -> store.stalled(now.minus(settings.stalledAfter()), limit), this::unstall,
                        PayerDeadlineProcessor::name)));
        dues.addAll(bulkGroups.dues());
        this.check = new DeadlineCheck(store::now, dues);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        check.process(exchange);
    }

    private static String name(PayerTransfer t) {
        return "Transfer " + t.transferId() + " (" + t.state() + ")";
    }

    private List<Emit> expire(PayerTransfer t, Instant now) throws Exception {
        return switch (t.state()) {
            case LOOKUP_SENT -> settings.lookupWait().mayResend(t.attempts())
                    ? resend(t, settings.lookupWait(), "LOOKUP", "GET /parties/" + t.payee(), SwitchRequests.lookup(t), now)
                    : journal.abort(t, t.state(), "LOOKUP", FspiopErrorCode.SERVER_TIMED_OUT.code(),
                            "No answer to the lookup of " + t.payee() + " within " + settings.lookupTimeout().toSeconds() + " s");
            case QUOTE_SENT -> settings.quoteWait().mayResend(t.attempts())
                    ? resend(t, settings.quoteWait(), "QUOTE", "POST /quotes " + t.quoteId(), SwitchRequests.quote(t), now)
                    : journal.abort(t, t.state(), "QUOTE", FspiopErrorCode.SERVER_TIMED_OUT.code(),
                            "No answer to the quote from " + t.payeeFsp() + " within " + settings.quoteTimeout().toSeconds() + " s");
            case AWAITING_CONFIRMATION -> journal.abort(t, t.state(), "CONFIRMATION", FspiopErrorCode.QUOTE_EXPIRED.code(),
                    "The payer did not confirm before the quote expired");
            case TRANSFER_SENT -> queryStatus(t, now);
            case STATUS_REQUESTED -> t.attempts() < settings.statusQueries() ? queryStatus(t, now) : unknown(t);
            default -> List.of();
        };
    }

    /** The request the transfer waits for, sent again as it was (the journal holds everything it is made of). */
    private List<Emit> resend(PayerTransfer t, AnswerWait wait, String step, String request, Emit again, Instant now) throws Exception {
        return journal.move(t, t.state(), wait.resend(t.state(), step, t.attempts(), now, request), moved -> List.of(again));
    }

    private List<Emit> queryStatus(PayerTransfer t, Instant now) throws Exception {
        int attempt = t.state() == TransferState.TRANSFER_SENT ? 1 : t.attempts() + 1;
        return journal.move(t, t.state(), StateChange.to(TransferState.STATUS_REQUESTED, "STATUS_QUERY")
                        .set("attempts", attempt).deadline(now.plus(settings.statusTimeout()))
                        .detail("no outcome by " + t.deadline() + ": GET /transfers/" + t.transferId() + " (" + attempt + " of "
                                + settings.statusQueries() + ")"),
                moved -> List.of(SwitchRequests.transferStatus(moved)));
    }

    private List<Emit> unknown(PayerTransfer t) throws Exception {
        LOG.error("Transfer {} of {}: the switch never told its outcome; the hold stays until an operator resolves it (hub:resolve)",
                t.transferId(), t.tenant());
        return journal.move(t, t.state(), StateChange.to(TransferState.UNKNOWN, "STATUS_QUERY")
                .failure(FspiopErrorCode.SERVER_TIMED_OUT.code(), "The switch did not tell the outcome; funds stay on hold until resolved")
                .detail(settings.statusQueries() + " queries unanswered"), moved -> List.of());
    }

    private List<Emit> unstall(PayerTransfer t, Instant now) throws Exception {
        if (t.state() == TransferState.QUOTED && t.expiresAt() != null && t.expiresAt().isBefore(now)) {
            // The quote is gone: a hold may or may not have been placed, so release.
            return journal.release(t, TransferState.QUOTED, "RESERVE", FspiopErrorCode.QUOTE_EXPIRED.code(),
                    "The funds could not be reserved before the quote expired");
        }
        if (!journal.store().touch(t.transferId(), t.state(), t.updatedAt())) {
            return List.of(); // moved on, or another node asked
        }
        LOG.warn("Transfer {} has been {} since {}: its step is asked again", t.transferId(), t.state(), t.updatedAt());
        return List.of(PayerMessages.step(t, t.state()));
    }
}
