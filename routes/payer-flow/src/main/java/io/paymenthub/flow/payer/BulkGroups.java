package io.paymenthub.flow.payer;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.route.ParallelParts;
import io.paymenthub.core.step.DeadlineCheck;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.RunOn;
import io.paymenthub.core.step.StateChange;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopDateTime;
import io.paymenthub.fspiop.FspiopErrorCode;

/**
 * FSPIOP bulk on the payer side, for the batches of a tenant with {@code bulk.fspiop}: a batch's
 * transfers whose payees were found at the same FSP join one {@link BulkGroup}; the group's
 * {@code POST /bulkQuotes} goes once it is full or no more of the batch's transfers can join (or
 * its collecting time is over); each answer moves its own transfer on (terms checked, payer's fee,
 * hold) exactly as a single quote's would; once every member is on hold (or has ended), the group's
 * {@code POST /bulkTransfers} goes with those on hold, and each result commits or releases its
 * own transfer. Unanswered bulk quotes are sent again and then end their transfers (nothing on
 * hold); unanswered bulk transfers are asked about with {@code GET /bulkTransfers/{id}} and then
 * leave their transfers UNKNOWN with the hold kept, as single transfers do.
 */
public class BulkGroups {

    private static final Logger LOG = LoggerFactory.getLogger(BulkGroups.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BulkGroupStore groups;
    private final PayerJournal journal;
    private final SwitchAnswers answers;
    private final PayerFlowSettings settings;
    /**
     * Members taking their bulk quote's answer a few at a time: each asks core banking for the payer's fee, then puts its
     * funds on hold, so that the group is held within its quotes' validity.
     */
    /** A group that closes with this many members has the planner's statistics of the transfers refreshed. */
    static final int ANALYZED_GROUP_MEMBERS = 500;

    private final ParallelParts memberParts;
    /** Runs a member's steps on in its part (its hold), the payer flow's steps processor being known once it is built. */
    private volatile RunOn memberSteps;

    public BulkGroups(TenantDirectory tenants, AccountSystemDirectory accountSystems, PayerTransferStore transfers, BulkGroupStore groups,
                      PayerFlowSettings settings) {
        this.groups = groups;
        this.journal = new PayerJournal(transfers);
        this.answers = new SwitchAnswers(tenants, accountSystems, journal);
        this.settings = settings;
        this.memberParts = new ParallelParts("payer-bulk", settings.bulkParallelism());
    }

    /** The payer flow's steps, which a member runs on in its part of the bulk quote's answer. */
    void runMemberStepsWith(RunOn steps) {
        this.memberSteps = steps;
    }

    /**
     * Whether the transfer's quote goes in a bulk quote: it pays a batch's row, and its tenant pays
     * batches in FSPIOP bulk to the payee's FSP.
     */
    static boolean takes(PayerTransfer t, Tenant tenant) {
        return t.batchId() != null && tenant.settings().bulk().fspiopBulkTo(t.payeeFsp());
    }

    /**
     * The payee is found: the transfer joins its batch's group toward the payee's FSP, and the
     * group's bulk quote goes if the transfer filled it or was the last of its batch on its way.
     */
    List<Emit> join(PayerTransfer t, Tenant tenant) throws SQLException {
        String quoteId = UUID.randomUUID().toString();
        int maxMembers = tenant.settings().bulk().fspiopMaxTransfers();
        Optional<BulkGroup> joined = groups.join(journal.store(), t, TransferState.PARTY_FOUND, maxMembers, settings.bulkCollect(),
                StateChange.to(TransferState.IN_BULK_QUOTE, "QUOTE").set("quote_id", quoteId).set("routing", PayerTransfer.Routing.SWITCH)
                        .set("attempts", 0).detail("quote " + quoteId + " goes in a bulk quote to " + t.payeeFsp()));
        if (joined.isEmpty()) {
            LOG.info("Transfer {} had already left PARTY_FOUND: not grouped here", t.transferId());
            return List.of();
        }
        BulkGroup group = joined.get();
        LOG.info("Transfer {} of {}: PARTY_FOUND -> IN_BULK_QUOTE (bulk quote {} to {}, {} transfers so far)", t.transferId(), t.tenant(),
                group.bulkQuoteId(), group.payeeFsp(), group.members());
        if (group.members() >= maxMembers || !groups.batchHasTransfersBeforeGroup(t.batchId())) {
            return sendQuote(group);
        }
        return List.of();
    }

    /** COLLECTING: the group takes no more members and its bulk quote goes. */
    private List<Emit> sendQuote(BulkGroup group) throws SQLException {
        if (!groups.transition(group.bulkQuoteId(), BulkGroupState.COLLECTING, StateChange.<BulkGroupState>to(BulkGroupState.QUOTE_SENT, null)
                .set("open_key", null).set("attempts", 0).deadline(settings.bulkQuoteWait().deadline(groups.now())))) {
            return List.of(); // another node or message sent it
        }
        List<PayerTransfer> members = members(group, TransferState.IN_BULK_QUOTE);
        if (members.isEmpty()) {
            groups.transition(group.bulkQuoteId(), BulkGroupState.QUOTE_SENT, StateChange.to(BulkGroupState.DONE, null));
            return List.of();
        }
        LOG.info("Bulk quote {} of {}: POST /bulkQuotes to {} for {} transfers", group.bulkQuoteId(), group.tenant(), group.payeeFsp(),
                members.size());
        if (members.size() >= ANALYZED_GROUP_MEMBERS) {
            // Without it, each transfer's join read the whole batch past its first thousand rows (autovacuum off or behind).
            groups.refreshTransferStatistics();
        }
        return List.of(SwitchRequests.bulkQuote(group, members));
    }

    /** A member is on hold: it waits for the group's bulk transfer, which goes once no member is still on its way to it. */
    List<Emit> onHold(PayerTransfer t) throws SQLException {
        List<Emit> emits = new ArrayList<>(journal.move(t, TransferState.RESERVED, StateChange.to(TransferState.IN_BULK_TRANSFER, "TRANSFER")
                .detail("goes in the bulk transfer of bulk quote " + t.bulkQuoteId()), moved -> List.of()));
        Optional<BulkGroup> group = groups.find(t.bulkQuoteId());
        if (group.isPresent()) {
            emits.addAll(transferIfReady(group.get()));
        }
        return emits;
    }

    /** QUOTED, and no member still on its way: the bulk transfer of those on hold goes (or, none, the group is done). */
    private List<Emit> transferIfReady(BulkGroup group) throws SQLException {
        if (group.state() != BulkGroupState.QUOTED || groups.hasMembersBeforeTransfer(group.bulkQuoteId())) {
            return List.of();
        }
        // No member is on its way any more: those on hold are all there will be.
        List<PayerTransfer> members = members(group, TransferState.IN_BULK_TRANSFER);
        if (members.isEmpty()) {
            if (groups.transition(group.bulkQuoteId(), BulkGroupState.QUOTED, StateChange.to(BulkGroupState.DONE, null))) {
                LOG.info("Bulk quote {} of {}: no transfer left to send", group.bulkQuoteId(), group.tenant());
            }
            return List.of();
        }
        Instant expiration = groups.now().plus(settings.transferExpiry());
        if (!groups.transition(group.bulkQuoteId(), BulkGroupState.QUOTED, StateChange.<BulkGroupState>to(BulkGroupState.TRANSFER_SENT, null)
                .set("expires_at", expiration).set("attempts", 0).deadline(expiration.plus(settings.expiryGrace())))) {
            return List.of();
        }
        BulkGroup sent = groups.find(group.bulkQuoteId()).orElseThrow();
        LOG.info("Bulk transfer {} of {}: POST /bulkTransfers to {} for {} transfers, expiring {}", sent.bulkTransferId(), sent.tenant(),
                sent.payeeFsp(), members.size(), FspiopDateTime.format(expiration));
        return List.of(SwitchRequests.bulkTransfer(sent, members));
    }

    /**
     * The switch's callback for the group {@code groupId}: the answer to its bulk quote or to its
     * bulk transfer. Delivered again after a rollback (core banking unavailable half-way), it moves
     * the members the first delivery did not reach, asks again for the step due of every member in a
     * state that has one, and tells again the end of every member that has ended: what the first
     * delivery sent for them was rolled back with it.
     */
    List<Emit> onReply(CamelContext context, String groupId, String resource, boolean error, String body, String source, boolean redelivered)
            throws Exception {
        Optional<BulkGroup> found = groupId == null ? Optional.empty() : groups.find(groupId);
        if (found.isEmpty()) {
            LOG.warn("A {} callback for {}, which is not a bulk group of this hub: dropped", resource, groupId);
            return List.of();
        }
        BulkGroup group = found.get();
        List<Emit> emits = new ArrayList<>();
        if (redelivered) {
            // Whatever a member reached in its part (a hold, a release, a commit, its end), its message was rolled back.
            // A member that ended before this message's first delivery is told again too: its batch counts an end once.
            for (PayerTransfer t : journal.store().inBulkGroup(group.bulkQuoteId())) {
                if (TransferState.STEPS.contains(t.state())) {
                    emits.add(PayerMessages.step(t, t.state()));
                } else if (t.state().isFinal()) {
                    emits.addAll(PayerJournal.news(t));
                }
            }
        }
        emits.addAll("bulkQuotes".equals(resource) ? onBulkQuote(context, group, error, body)
                : onBulkTransfer(context, group, error, body, source));
        return emits;
    }

    /**
     * Each member still waiting takes its own result: its terms, or its error. A redelivered
     * callback finds the group QUOTED and moves the members the first delivery did not reach.
     */
    private List<Emit> onBulkQuote(CamelContext context, BulkGroup group, boolean error, String body) throws Exception {
        if (group.state() == BulkGroupState.QUOTE_SENT) {
            groups.transition(group.bulkQuoteId(), BulkGroupState.QUOTE_SENT, StateChange.<BulkGroupState>to(BulkGroupState.QUOTED, null)
                    .deadline(null));
        } else if (group.state() != BulkGroupState.QUOTED) {
            LOG.info("Bulk quote callback for {} in state {}: nothing to do", group.bulkQuoteId(), group.state());
            return List.of();
        }
        ErrorInformation whole = error ? SwitchAnswers.errorOf(body) : null;
        JsonNode bulk = error ? null : JSON.readTree(body);
        Map<String, JsonNode> results = new HashMap<>();
        if (bulk != null) {
            for (JsonNode result : bulk.path("individualQuoteResults")) {
                results.put(result.path("quoteId").asText(), result);
            }
        }
        AtomicInteger quoted = new AtomicInteger();
        List<Emit> emits = new ArrayList<>();
        inParts(context, members(group, TransferState.IN_BULK_QUOTE), emits, t -> {
            JsonNode result = results.get(t.quoteId());
            if (whole != null) {
                return journal.abort(t, TransferState.IN_BULK_QUOTE, "QUOTE", whole.errorCode(), whole.errorDescription());
            } else if (result == null) {
                return journal.abort(t, TransferState.IN_BULK_QUOTE, "QUOTE", FspiopErrorCode.PAYEE_ERROR.code(),
                        "The answer to bulk quote " + group.bulkQuoteId() + " has no result for quote " + t.quoteId());
            } else if (result.has("errorInformation")) {
                ErrorInformation refused = SwitchAnswers.errorOf(result.get("errorInformation"));
                return journal.abort(t, TransferState.IN_BULK_QUOTE, "QUOTE", refused.errorCode(), refused.errorDescription());
            }
            ObjectNode terms = result.deepCopy();
            terms.put("expiration", bulk.path("expiration").asText());
            quoted.incrementAndGet();
            // Its hold too, in this part: the group's holds a few at a time rather than on the steps queue's consumers.
            return withSteps(answers.acceptQuote(t, TransferState.IN_BULK_QUOTE, terms));
        });
        LOG.info("Bulk quote {} of {} answered by {}: {} transfers quoted", group.bulkQuoteId(), group.tenant(), group.payeeFsp(),
                whole != null ? "an error " + whole.errorCode() : quoted.get());
        emits.addAll(transferIfReady(groups.find(group.bulkQuoteId()).orElseThrow()));
        return emits;
    }

    /**
     * Each member still in the bulk transfer takes its own result: a fulfilment that meets its
     * condition commits it, an error releases its hold; a bulk transfer the payee FSP rejected
     * releases them all. A member the completed bulk transfer says nothing of is UNKNOWN, hold kept:
     * nobody can tell whether its payee was paid.
     */
    private List<Emit> onBulkTransfer(CamelContext context, BulkGroup group, boolean error, String body, String source)
            throws Exception {
        BulkGroupState from = group.state();
        if (from != BulkGroupState.TRANSFER_SENT && from != BulkGroupState.STATUS_REQUESTED && from != BulkGroupState.DONE) {
            LOG.info("Bulk transfer callback for {} in state {}: nothing to do", group.bulkTransferId(), from);
            return List.of();
        }
        List<Emit> emits = new ArrayList<>();
        if (error) {
            ErrorInformation info = SwitchAnswers.errorOf(body);
            if (from == BulkGroupState.STATUS_REQUESTED && !SwitchAnswers.NOT_COMMITTED.contains(info.errorCode())) {
                LOG.warn("Bulk transfer {}: the switch could not tell its state: {} {}", group.bulkTransferId(), info.errorCode(),
                        info.errorDescription());
                return List.of();
            }
            inParts(context, members(group, TransferState.IN_BULK_TRANSFER), emits, t -> withSteps(
                    journal.release(t, TransferState.IN_BULK_TRANSFER, "TRANSFER", info.errorCode(), info.errorDescription())));
            done(group, from);
            return emits;
        }
        JsonNode bulk = JSON.readTree(body);
        String state = bulk.path("bulkTransferState").asText();
        if (!"COMPLETED".equals(state) && !"REJECTED".equals(state)) {
            LOG.info("Bulk transfer {} is {} at the payee FSP: still waiting", group.bulkTransferId(), state);
            return List.of();
        }
        Map<String, JsonNode> results = new HashMap<>();
        for (JsonNode result : bulk.path("individualTransferResults")) {
            results.put(result.path("transferId").asText(), result);
        }
        // Each member's commit or release in its part, as its hold was: a group's debits a few at a time.
        inParts(context, members(group, TransferState.IN_BULK_TRANSFER), emits, t -> {
            JsonNode result = results.get(t.transferId());
            if (result != null && result.has("fulfilment")) {
                return withSteps(answers.committed(t, TransferState.IN_BULK_TRANSFER, result.path("fulfilment").asText(null), source));
            } else if (result != null && result.has("errorInformation")) {
                ErrorInformation refused = SwitchAnswers.errorOf(result.get("errorInformation"));
                return withSteps(journal.release(t, TransferState.IN_BULK_TRANSFER, "TRANSFER", refused.errorCode(),
                        refused.errorDescription()));
            } else if ("REJECTED".equals(state)) {
                return withSteps(journal.release(t, TransferState.IN_BULK_TRANSFER, "TRANSFER", FspiopErrorCode.PAYEE_REJECTED_TXN.code(),
                        "The payee FSP rejected bulk transfer " + group.bulkTransferId()));
            }
            String reason = "Bulk transfer " + group.bulkTransferId() + " completed without this transfer's result: hold kept";
            LOG.error("Transfer {} of {}: {}", t.transferId(), t.tenant(), reason);
            return journal.move(t, TransferState.IN_BULK_TRANSFER, StateChange.to(TransferState.UNKNOWN, "TRANSFER")
                    .failure(FspiopErrorCode.PAYEE_ERROR.code(), reason).detail(reason), moved -> List.of());
        });
        done(group, from);
        return emits;
    }

    /** What {@code part} leads to for each member, {@code bulkParallelism} members at a time, added to {@code emits} in the members' order. */
    private void inParts(CamelContext context, List<PayerTransfer> members, List<Emit> emits, ParallelParts.Part<PayerTransfer, List<Emit>> part)
            throws Exception {
        memberParts.map(context, members, part).forEach(emits::addAll);
    }

    /**
     * A member's emits with the steps they ask for run on here, in the member's part (its hold, its
     * commit or release), rather than on the steps queue's consumers; all of them as they are when
     * the flow has no step runner to lend ({@link #runMemberStepsWith}).
     */
    private List<Emit> withSteps(List<Emit> emits) {
        RunOn steps = memberSteps;
        return steps == null ? emits : steps.expand(emits);
    }

    private void done(BulkGroup group, BulkGroupState from) throws SQLException {
        if (from != BulkGroupState.DONE && groups.transition(group.bulkQuoteId(), from, StateChange.<BulkGroupState>to(BulkGroupState.DONE,
                null).deadline(null))) {
            LOG.info("Bulk transfer {} of {}: every transfer has its outcome", group.bulkTransferId(), group.tenant());
        }
    }

    /**
     * For a redelivered step of a member whose group's bulk message may have been rolled back with
     * it: the message its group now waits for, sent again (the payee FSP takes it for a resend).
     */
    List<Emit> resendFor(PayerTransfer t) throws SQLException {
        Optional<BulkGroup> group = groups.find(t.bulkQuoteId());
        if (group.isEmpty()) {
            return List.of();
        }
        BulkGroup g = group.get();
        if (g.state() == BulkGroupState.QUOTE_SENT && t.state() == TransferState.IN_BULK_QUOTE) {
            List<PayerTransfer> members = members(g, TransferState.IN_BULK_QUOTE);
            return members.isEmpty() ? List.of() : List.of(SwitchRequests.bulkQuote(g, members));
        }
        if (g.state() == BulkGroupState.TRANSFER_SENT && t.state() == TransferState.IN_BULK_TRANSFER) {
            List<PayerTransfer> members = members(g, TransferState.IN_BULK_TRANSFER);
            return members.isEmpty() ? List.of() : List.of(SwitchRequests.bulkTransfer(g, members));
        }
        return List.of();
    }

    /** What the payer flow's deadline check does for groups: quotes to send, transfers to send, waits that ended. */
    List<DeadlineCheck.Due<?>> dues() {
        return List.of(
                new DeadlineCheck.Due<>(groups::readyToQuote, (group, now) -> sendQuote(group), BulkGroups::name),
                new DeadlineCheck.Due<>((now, limit) -> groups.readyToTransfer(limit), (group, now) -> transferIfReady(group),
                        BulkGroups::name),
                new DeadlineCheck.Due<>(groups::pastDeadline, this::expire, BulkGroups::name));
    }

    private static String name(BulkGroup group) {
        return "Bulk quote " + group.bulkQuoteId() + " (" + group.state() + ")";
    }

    private List<Emit> expire(BulkGroup group, Instant now) throws SQLException {
        return switch (group.state()) {
            case QUOTE_SENT -> settings.bulkQuoteWait().mayResend(group.attempts()) ? resendQuote(group, now) : quoteUnanswered(group);
            case TRANSFER_SENT -> queryStatus(group, now);
            case STATUS_REQUESTED -> group.attempts() < settings.statusQueries() ? queryStatus(group, now) : outcomeUnknown(group);
            default -> List.of();
        };
    }

    /** The same bulk quote again, same id and members: the payee FSP takes it for a resend. */
    private List<Emit> resendQuote(BulkGroup group, Instant now) throws SQLException {
        String request = "POST /bulkQuotes " + group.bulkQuoteId();
        if (!groups.transition(group.bulkQuoteId(), BulkGroupState.QUOTE_SENT,
                settings.bulkQuoteWait().resend(BulkGroupState.QUOTE_SENT, null, group.attempts(), now, request))) {
            return List.of();
        }
        List<PayerTransfer> members = members(group, TransferState.IN_BULK_QUOTE);
        LOG.warn("Bulk quote {} of {}: no answer from {}: sent again ({} of {})", group.bulkQuoteId(), group.tenant(), group.payeeFsp(),
                group.attempts() + 1, settings.resends());
        return members.isEmpty() ? List.of() : List.of(SwitchRequests.bulkQuote(group, members));
    }

    /**
     * No answer to the bulk quote at all: its transfers end, nothing being on hold yet. The group is
     * done only once they have ended, so that a failure half-way leaves it for the next check.
     */
    private List<Emit> quoteUnanswered(BulkGroup group) throws SQLException {
        List<Emit> emits = new ArrayList<>();
        for (PayerTransfer t : members(group, TransferState.IN_BULK_QUOTE)) {
            emits.addAll(journal.abort(t, TransferState.IN_BULK_QUOTE, "QUOTE", FspiopErrorCode.SERVER_TIMED_OUT.code(),
                    "No answer to bulk quote " + group.bulkQuoteId() + " from " + group.payeeFsp() + " within "
                            + settings.bulkQuoteTimeout().toSeconds() + " s"));
        }
        done(group, BulkGroupState.QUOTE_SENT);
        return emits;
    }

    private List<Emit> queryStatus(BulkGroup group, Instant now) throws SQLException {
        int attempt = group.state() == BulkGroupState.TRANSFER_SENT ? 1 : group.attempts() + 1;
        if (!groups.transition(group.bulkQuoteId(), group.state(), StateChange.<BulkGroupState>to(BulkGroupState.STATUS_REQUESTED, null)
                .set("attempts", attempt).deadline(now.plus(settings.statusTimeout())))) {
            return List.of();
        }
        LOG.warn("Bulk transfer {} of {}: no outcome by {}: GET /bulkTransfers/{} ({} of {})", group.bulkTransferId(), group.tenant(),
                group.deadline(), group.bulkTransferId(), attempt, settings.statusQueries());
        return List.of(SwitchRequests.bulkTransferStatus(group));
    }

    /**
     * The switch never told the bulk transfer's outcome: its transfers are UNKNOWN, their holds kept
     * for an operator. The group is done only once they are, as for an unanswered bulk quote.
     */
    private List<Emit> outcomeUnknown(BulkGroup group) throws SQLException {
        List<PayerTransfer> members = members(group, TransferState.IN_BULK_TRANSFER);
        if (!members.isEmpty()) {
            LOG.error("Bulk transfer {} of {}: the switch never told its outcome; its transfers' holds stay until an operator resolves "
                    + "them (hub:resolve)", group.bulkTransferId(), group.tenant());
        }
        List<Emit> emits = new ArrayList<>();
        for (PayerTransfer t : members) {
            emits.addAll(journal.move(t, TransferState.IN_BULK_TRANSFER, StateChange.to(TransferState.UNKNOWN, "STATUS_QUERY")
                    .failure(FspiopErrorCode.SERVER_TIMED_OUT.code(), "The switch did not tell the outcome of bulk transfer "
                            + group.bulkTransferId() + "; funds stay on hold until resolved")
                    .detail(settings.statusQueries() + " queries unanswered"), moved -> List.of()));
        }
        done(group, BulkGroupState.STATUS_REQUESTED);
        return emits;
    }

    private List<PayerTransfer> members(BulkGroup group, TransferState state) throws SQLException {
        return journal.store().inBulkGroup(group.bulkQuoteId()).stream().filter(t -> t.state() == state).toList();
    }
}
