package io.paymenthub.core.tenant;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.paymenthub.core.account.PartyId;

/**
 * One DFSP served by the hub: a Fineract tenant registered in the Mojaloop switch as an FSP.
 * Built only by {@link TenantConfigParser}, so every instance is valid.
 *
 * @param name            the tenant's name; channels send it in {@code Platform-TenantId}
 * @param fspId           the Mojaloop participant id ({@code FSPIOP-Source} of what this tenant sends)
 * @param currencies      ISO 4217 currencies the tenant transacts in
 * @param connector       name of the core-banking connector that serves the tenant ({@code fineract})
 * @param fineract        how to reach the tenant's Fineract
 * @param channel         the credentials channels present for this tenant
 * @param notificationUrl where final states are posted by HTTP, or null for none
 * @param settings        behaviour switches of the flows
 */
public record Tenant(String name, String fspId, List<String> currencies, String connector,
                     FineractEndpoint fineract, ChannelCredentials channel, URI notificationUrl,
                     TenantSettings settings) {

    public Tenant {
        currencies = List.copyOf(currencies);
    }

    /** Whether the tenant takes no new work now ({@code hub:tenant-suspend}), finishing what is in flight. */
    public boolean suspended() {
        return settings.suspended();
    }

    /** Fineract base URL (up to {@code /api/v1}), its tenant identifier and the hub's user there. */
    public record FineractEndpoint(URI baseUrl, String tenantId, String username, String password) {
        @Override
        public String toString() {
            // Never let the password reach a log line.
            return "FineractEndpoint[baseUrl=" + baseUrl + ", tenantId=" + tenantId + ", username=" + username + "]";
        }
    }

    /** The client id a channel of this tenant authenticates with, and the hash of its secret ({@link SecretHash}). */
    public record ChannelCredentials(String clientId, String secretHash) {
        @Override
        public String toString() {
            return "ChannelCredentials[clientId=" + clientId + "]";
        }
    }

    /** Per-tenant switches of the payment flows. */
    public enum OnUsRouting { DIRECT, SWITCH }

    /**
     * @param payerConfirmation whether a payer's channel must confirm the quote before funds are reserved
     * @param onUsRouting       how a transfer between two tenants of this hub is booked
     * @param payeeCommitMode   true: answer a transfer RESERVED and credit on the switch's PATCH COMMITTED
     * @param ilpSecret         the secret from which ILP fulfilments are derived; never logged
     * @param requests          how requests to pay from other FSPs' customers are answered
     * @param bulk              how the tenant's bulk batches are paid
     * @param reconciliation    how the tenant's business days are cut for end-of-day reconciliation
     * @param suspended         whether the tenant takes no new work, finishing what is in flight
     */
    public record TenantSettings(boolean payerConfirmation, OnUsRouting onUsRouting, boolean payeeCommitMode,
                                 String ilpSecret, RequestToPaySettings requests, BulkSettings bulk,
                                 ReconciliationSettings reconciliation, boolean suspended) {
        @Override
        public String toString() {
            return "TenantSettings[payerConfirmation=" + payerConfirmation + ", onUsRouting=" + onUsRouting
                    + ", payeeCommitMode=" + payeeCommitMode + ", requests=" + requests + ", bulk=" + bulk
                    + ", reconciliation=" + reconciliation + ", suspended=" + suspended + "]";
        }
    }

    /**
     * @param timeZone the zone the tenant's business days are counted in
     * @param cutoff   the time of day a business day ends at: 00:00 ends day D at midnight after it,
     *                 17:00 ends it at 17:00 on D (what comes later counts for D + 1)
     * @param accounts accounts read on every run besides those the day's transfers touched
     *                 (settlement and position accounts, a disbursement account)
     * @param schedule a Quartz cron expression, in {@code timeZone}, at which the last closed day is
     *                 reconciled; null: only when asked
     * @param settlement how the switch's settlement windows are compared and booked
     * @param backOffice the credentials of the tenant's back office, who alone runs and reads
     *                   reconciliations over the channel API; null: nobody does there
     */
    public record ReconciliationSettings(java.time.ZoneId timeZone, java.time.LocalTime cutoff, List<String> accounts,
                                         String schedule, SettlementSettings settlement, ChannelCredentials backOffice) {

        public ReconciliationSettings {
            accounts = List.copyOf(accounts);
            settlement = settlement == null ? SettlementSettings.NONE : settlement;
        }

        /** When business day {@code day} begins (inclusive). */
        public java.time.Instant dayStart(java.time.LocalDate day) {
            return dayEnd(day).atZone(timeZone).minusDays(1).toInstant();
        }

        /** When business day {@code day} ends (exclusive). */
        public java.time.Instant dayEnd(java.time.LocalDate day) {
            java.time.LocalDateTime end = cutoff.equals(java.time.LocalTime.MIDNIGHT) ? day.plusDays(1).atStartOfDay()
                    : day.atTime(cutoff);
            return end.atZone(timeZone).toInstant();
        }

        /** The business day that holds the instant. */
        public java.time.LocalDate dayOf(java.time.Instant instant) {
            java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(instant, timeZone);
            if (cutoff.equals(java.time.LocalTime.MIDNIGHT)) {
                return local.toLocalDate();
            }
            return local.toLocalTime().isBefore(cutoff) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        }
    }

    /**
     * @param participantId     the tenant's participant id in the switch's settlement API; null: the
     *                          switch's windows are not compared
     * @param settlementAccount the account at the settlement bank a settled window's net is paid from or to
     * @param positionAccount   the account that carries the tenant's position toward the switch; with
     *                          {@code settlementAccount}, each settled window is booked between the two
     */
    public record SettlementSettings(String participantId, String settlementAccount, String positionAccount) {

        public static final SettlementSettings NONE = new SettlementSettings(null, null, null);

        /** Whether the switch's settlement windows are compared with the journal. */
        public boolean compared() {
            return participantId != null;
        }

        /** Whether each settled window's net position is booked in core banking. */
        public boolean booked() {
            return compared() && settlementAccount != null && positionAccount != null;
        }
    }

    /** What a batch with bad rows leads to: refused whole (nothing is paid), or paid without them. */
    public enum InvalidRows { REFUSE, SKIP }

    /**
     * @param payer       the disbursement account's identifier: the payer of a batch that names none, or null
     * @param invalidRows what a batch with bad rows leads to
     * @param approver    the credentials of the user who approves batches before they are paid, or null: batches are paid at once
     * @param fundsCheck  whether a batch whose total is above the payer's available balance is refused before anything is paid
     * @param fspiopMaxTransfers 0: a batch's rows are paid as single transfers; above 0: its rows to a payee FSP go as
     *                    FSPIOP bulk quotes and bulk transfers of at most this many transfers each
     * @param fspiopPayeeFsps the payee FSPs whose rows go in bulk messages; empty: every payee FSP
     */
    public record BulkSettings(PartyId payer, InvalidRows invalidRows, ChannelCredentials approver, boolean fundsCheck,
                               int fspiopMaxTransfers, java.util.Set<String> fspiopPayeeFsps) {

        public boolean needsApproval() {
            return approver != null;
        }

        public boolean fspiopBulk() {
            return fspiopMaxTransfers > 0;
        }

        /** Whether the rows to this payee FSP go in FSPIOP bulk messages. */
        public boolean fspiopBulkTo(String payeeFsp) {
            return fspiopBulk() && (fspiopPayeeFsps.isEmpty() || fspiopPayeeFsps.contains(payeeFsp));
        }
    }

    /**
     * What the hub does with a request to pay addressed to one of the tenant's customers, before
     * asking the customer: accept it (up to {@code autoAcceptUpTo}), refuse it (above
     * {@code autoRejectAbove}), or ask the payer's channel, who has {@code answerWithin} to answer.
     *
     * @param autoAcceptUpTo  requests of at most this amount are paid without asking; null: always ask
     * @param autoRejectAbove requests above this amount are refused at once (payer limit); null: no limit
     */
    public record RequestToPaySettings(BigDecimal autoAcceptUpTo, BigDecimal autoRejectAbove,
                                       Duration answerWithin) {
    }
}
