package io.paymenthub.core.tenant;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.paymenthub.core.account.PartyId;

/**
 * Turns one tenant configuration (the properties of an {@code etc/io.paymenthub.tenant-NAME.cfg}
 * file) into a {@link Tenant}, or rejects it listing every problem at once so an operator can fix
 * the file in one go. The defaults of optional keys are defined here and nowhere else.
 */
public final class TenantConfigParser {

    public static final String NAME = "name";
    public static final String FSP_ID = "fspId";
    public static final String CURRENCIES = "currencies";
    public static final String CONNECTOR = "connector";
    public static final String FINERACT_URL = "fineract.url";
    public static final String FINERACT_TENANT_ID = "fineract.tenantId";
    public static final String FINERACT_USERNAME = "fineract.username";
    public static final String FINERACT_PASSWORD = "fineract.password";
    public static final String CHANNEL_CLIENT_ID = "channel.clientId";
    /** A channel secret written in plain text: taken, hashed, and replaced by its hash where the configuration is kept. */
    public static final String CHANNEL_SECRET = "channel.secret";
    /** The channel secret's hash ({@link SecretHash}), as the hub keeps it and {@code hub:channel-secret} sets it. */
    public static final String CHANNEL_SECRET_HASH = "channel.secretHash";
    public static final String NOTIFICATION_URL = "notification.url";
    public static final String PAYER_CONFIRMATION = "payer.confirmation";
    public static final String ON_US_ROUTING = "onus.routing";
    public static final String PAYEE_COMMIT_MODE = "payee.reserveBeforeCommit";
    public static final String ILP_SECRET = "ilp.secret";
    public static final String REQUESTS_AUTO_ACCEPT_UP_TO = "requests.autoAcceptUpTo";
    public static final String REQUESTS_AUTO_REJECT_ABOVE = "requests.autoRejectAbove";
    public static final String REQUESTS_ANSWER_WITHIN = "requests.answerWithinSeconds";
    /** The identifier type and value of the tenant's disbursement account, the payer of batches that name none. */
    public static final String BULK_PAYER_ID_TYPE = "bulk.payerIdType";
    public static final String BULK_PAYER_ID_VALUE = "bulk.payerIdValue";
    public static final String BULK_INVALID_ROWS = "bulk.invalidRows";
    /** Whether a batch above the payer's available balance is refused at upload (Fineract's available balance; fees come on top). */
    public static final String BULK_FUNDS_CHECK = "bulk.fundsCheck";
    /** Whether the tenant's batches go to each payee FSP as FSPIOP bulk quotes and bulk transfers instead of single transfers. */
    public static final String BULK_FSPIOP = "bulk.fspiop";
    /** The payee FSPs that take bulk messages (comma-separated fspIds); none listed: every payee FSP. */
    public static final String BULK_FSPIOP_PAYEE_FSPS = "bulk.fspiopPayeeFsps";
    /** The most transfers in one bulk quote or bulk transfer (FSPIOP allows 1,000; a switch may allow fewer). */
    public static final String BULK_FSPIOP_MAX_TRANSFERS = "bulk.fspiopMaxTransfers";
    /** The user who approves the tenant's batches (a second user, not the channel that uploads them); none: no approval. */
    /** The zone the tenant's business days are counted in (an IANA zone id such as Africa/Dar_es_Salaam). */
    public static final String RECONCILIATION_TIME_ZONE = "reconciliation.timeZone";
    /** When a business day ends, HH:mm in that zone; 00:00 is midnight after the day. */
    public static final String RECONCILIATION_CUTOFF = "reconciliation.cutoff";
    /** Comma-separated accounts read on every reconciliation run, besides those the day's transfers touched. */
    public static final String RECONCILIATION_ACCOUNTS = "reconciliation.accounts";
    /** A Quartz cron expression (in the tenant's time zone) at which the last closed day is reconciled; none: on request only. */
    public static final String RECONCILIATION_SCHEDULE = "reconciliation.schedule";
    /** The tenant's participant id in the switch's settlement API (central ledger's number); unset: windows are not compared. */
    public static final String SETTLEMENT_PARTICIPANT_ID = "settlement.participantId";
    /** The account a settled window's net is paid from (the tenant owes) or to (it is owed). */
    public static final String SETTLEMENT_ACCOUNT = "settlement.settlementAccount";
    /** The account carrying the tenant's position toward the switch; with the settlement account, windows are booked. */
    public static final String SETTLEMENT_POSITION_ACCOUNT = "settlement.positionAccount";
    public static final String BULK_APPROVER_CLIENT_ID = "bulk.approver.clientId";
    public static final String BULK_APPROVER_SECRET = "bulk.approver.secret";
    public static final String BULK_APPROVER_SECRET_HASH = "bulk.approver.secretHash";
    /**
     * A suspended tenant takes no new work (channel transfers, requests and batches; the switch's
     * lookups, quotes and requests to pay) and finishes what is in flight. Set by
     * {@code hub:tenant-suspend} and {@code hub:tenant-resume}.
     */
    public static final String SUSPENDED = "suspended";
    /** Why the tenant is suspended, as the operator said; shown by {@code hub:tenants}. */
    public static final String SUSPENDED_REASON = "suspended.reason";
    /** The tenant's back office: the only caller that runs and reads reconciliations over the channel API. */
    public static final String BACK_OFFICE_CLIENT_ID = "backOffice.clientId";
    public static final String BACK_OFFICE_SECRET = "backOffice.secret";
    public static final String BACK_OFFICE_SECRET_HASH = "backOffice.secretHash";
    /** Each secret a tenant file may hold in plain text, and the key of the hash that replaces it. */
    public static final Map<String, String> PLAIN_SECRETS = Map.of(CHANNEL_SECRET, CHANNEL_SECRET_HASH, BULK_APPROVER_SECRET,
            BULK_APPROVER_SECRET_HASH, BACK_OFFICE_SECRET, BACK_OFFICE_SECRET_HASH);

    public static final String DEFAULT_CONNECTOR = "fineract";
    public static final boolean DEFAULT_PAYER_CONFIRMATION = false;
    public static final Tenant.OnUsRouting DEFAULT_ON_US_ROUTING = Tenant.OnUsRouting.DIRECT;
    public static final boolean DEFAULT_PAYEE_COMMIT_MODE = false;
    /** How long a payer has to answer a request to pay, unless the request expires sooner. */
    public static final long DEFAULT_REQUESTS_ANSWER_WITHIN_SECONDS = 300;
    /** A batch with a bad row pays nothing until it is corrected: the safe choice for money. */
    public static final Tenant.InvalidRows DEFAULT_BULK_INVALID_ROWS = Tenant.InvalidRows.REFUSE;
    public static final boolean DEFAULT_BULK_FUNDS_CHECK = true;
    public static final boolean DEFAULT_BULK_FSPIOP = false;
    public static final int DEFAULT_BULK_FSPIOP_MAX_TRANSFERS = 1000;
    public static final java.time.ZoneId DEFAULT_RECONCILIATION_TIME_ZONE = java.time.ZoneOffset.UTC;
    public static final java.time.LocalTime DEFAULT_RECONCILIATION_CUTOFF = java.time.LocalTime.MIDNIGHT;

    /** Keys whose values are secrets: shown masked wherever a configuration is printed. */
    public static final List<String> SECRET_KEYS = List.of(FINERACT_PASSWORD, CHANNEL_SECRET, CHANNEL_SECRET_HASH, ILP_SECRET,
            BULK_APPROVER_SECRET, BULK_APPROVER_SECRET_HASH, BACK_OFFICE_SECRET, BACK_OFFICE_SECRET_HASH);

    // Mojaloop fspIds and tenant names end up in headers and URLs: keep them to a safe alphabet.
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
    private static final int MIN_ILP_SECRET_LENGTH = 16;

    public Tenant parse(Map<String, ?> properties) throws InvalidTenantConfigurationException {
        List<String> problems = new ArrayList<>();
        String name = identifier(properties, NAME, problems);
        String fspId = identifier(properties, FSP_ID, problems);
        List<String> currencies = currencies(properties, problems);
        String connector = optional(properties, CONNECTOR, DEFAULT_CONNECTOR);
        URI fineractUrl = httpUrl(properties, FINERACT_URL, true, problems);
        String fineractTenant = required(properties, FINERACT_TENANT_ID, problems);
        String fineractUser = required(properties, FINERACT_USERNAME, problems);
        String fineractPassword = required(properties, FINERACT_PASSWORD, problems);
        String clientId = required(properties, CHANNEL_CLIENT_ID, problems);
        String secretHash = secretHash(properties, CHANNEL_SECRET, CHANNEL_SECRET_HASH, problems);
        URI notificationUrl = httpUrl(properties, NOTIFICATION_URL, false, problems);
        boolean confirmation = bool(properties, PAYER_CONFIRMATION, DEFAULT_PAYER_CONFIRMATION, problems);
        Tenant.OnUsRouting onUs = onUsRouting(properties, problems);
        boolean reserveBeforeCommit = bool(properties, PAYEE_COMMIT_MODE, DEFAULT_PAYEE_COMMIT_MODE, problems);
        String ilpSecret = required(properties, ILP_SECRET, problems);
        if (ilpSecret != null && ilpSecret.length() < MIN_ILP_SECRET_LENGTH) {
            problems.add(ILP_SECRET + " must be at least " + MIN_ILP_SECRET_LENGTH + " characters long");
        }
        BigDecimal autoAccept = amount(properties, REQUESTS_AUTO_ACCEPT_UP_TO, problems);
        BigDecimal autoReject = amount(properties, REQUESTS_AUTO_REJECT_ABOVE, problems);
        if (autoAccept != null && autoReject != null && autoAccept.compareTo(autoReject) > 0) {
            problems.add(REQUESTS_AUTO_ACCEPT_UP_TO + " must not be above " + REQUESTS_AUTO_REJECT_ABOVE);
        }
        long answerWithin = seconds(properties, REQUESTS_ANSWER_WITHIN, DEFAULT_REQUESTS_ANSWER_WITHIN_SECONDS, problems);
        PartyId bulkPayer = bulkPayer(properties, problems);
        Tenant.InvalidRows invalidRows = invalidRows(properties, problems);
        boolean fundsCheck = bool(properties, BULK_FUNDS_CHECK, DEFAULT_BULK_FUNDS_CHECK, problems);
        boolean fspiopBulk = bool(properties, BULK_FSPIOP, DEFAULT_BULK_FSPIOP, problems);
        int fspiopMaxTransfers = (int) wholeNumber(properties, BULK_FSPIOP_MAX_TRANSFERS, DEFAULT_BULK_FSPIOP_MAX_TRANSFERS, 1,
                DEFAULT_BULK_FSPIOP_MAX_TRANSFERS, "transfers", problems);
        java.util.Set<String> fspiopPayeeFsps = fspIds(properties, BULK_FSPIOP_PAYEE_FSPS, problems);
        Tenant.ChannelCredentials approver = otherRole(properties, BULK_APPROVER_CLIENT_ID, BULK_APPROVER_SECRET,
                BULK_APPROVER_SECRET_HASH, "approver", clientId, "the uploader never approves", problems);
        Tenant.ChannelCredentials backOffice = otherRole(properties, BACK_OFFICE_CLIENT_ID, BACK_OFFICE_SECRET, BACK_OFFICE_SECRET_HASH,
                "back office", clientId, "the back office reads every transfer of the tenant", problems);
        if (approver != null && backOffice != null && approver.clientId().equals(backOffice.clientId())) {
            problems.add(BACK_OFFICE_CLIENT_ID + " must not be the approver's " + BULK_APPROVER_CLIENT_ID);
        }
        Tenant.ReconciliationSettings reconciliation = reconciliation(properties, backOffice, problems);
        boolean suspended = bool(properties, SUSPENDED, false, problems);
        if (!problems.isEmpty()) {
            throw new InvalidTenantConfigurationException(problems);
        }
        return new Tenant(name, fspId, currencies, connector,
                new Tenant.FineractEndpoint(fineractUrl, fineractTenant, fineractUser, fineractPassword),
                new Tenant.ChannelCredentials(clientId, secretHash), notificationUrl,
                new Tenant.TenantSettings(confirmation, onUs, reserveBeforeCommit, ilpSecret,
                        new Tenant.RequestToPaySettings(autoAccept, autoReject, Duration.ofSeconds(answerWithin)),
                        new Tenant.BulkSettings(bulkPayer, invalidRows, approver, fundsCheck,
                                fspiopBulk ? fspiopMaxTransfers : 0, fspiopPayeeFsps), reconciliation, suspended));
    }

    /**
     * The credentials of a role besides the channel (the batch approver, the back office): none
     * when its client id is not set; never the channel's client id.
     */
    private static Tenant.ChannelCredentials otherRole(Map<String, ?> properties, String idKey, String secretKey, String hashKey,
                                                       String role, String channelClientId, String whyApart, List<String> problems) {
        String id = value(properties, idKey);
        if (id == null) {
            if (value(properties, secretKey) != null || value(properties, hashKey) != null) {
                problems.add(idKey + " is required with the " + role + "'s secret");
            }
            return null;
        }
        if (id.equals(channelClientId)) {
            problems.add(idKey + " must not be the channel's " + CHANNEL_CLIENT_ID + ": " + whyApart);
        }
        return new Tenant.ChannelCredentials(id, secretHash(properties, secretKey, hashKey, problems));
    }

    private static Tenant.ReconciliationSettings reconciliation(Map<String, ?> properties, Tenant.ChannelCredentials backOffice,
                                                                List<String> problems) {
        java.time.ZoneId zone = DEFAULT_RECONCILIATION_TIME_ZONE;
        String zoneId = value(properties, RECONCILIATION_TIME_ZONE);
        if (zoneId != null) {
            try {
                zone = java.time.ZoneId.of(zoneId);
            } catch (java.time.DateTimeException e) {
                problems.add(RECONCILIATION_TIME_ZONE + " '" + zoneId + "' is not a time zone (e.g. Africa/Nairobi, UTC, +03:00)");
            }
        }
        java.time.LocalTime cutoff = DEFAULT_RECONCILIATION_CUTOFF;
        String time = value(properties, RECONCILIATION_CUTOFF);
        if (time != null) {
            try {
                cutoff = java.time.LocalTime.parse(time);
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(RECONCILIATION_CUTOFF + " '" + time + "' is not a time of day HH:mm");
            }
        }
        List<String> accounts = new ArrayList<>();
        String listed = value(properties, RECONCILIATION_ACCOUNTS);
        if (listed != null) {
            for (String account : listed.split(",")) {
                if (!account.isBlank()) {
                    accounts.add(account.trim());
                }
            }
        }
        // Checked where it is used (the reconciliation bundle, which carries Quartz): a bad one is logged there.
        String participantId = value(properties, SETTLEMENT_PARTICIPANT_ID);
        if (participantId != null && !participantId.matches("[0-9]{1,18}")) {
            problems.add(SETTLEMENT_PARTICIPANT_ID + " '" + participantId + "' is not the switch's participant number");
        }
        String settlementAccount = value(properties, SETTLEMENT_ACCOUNT);
        String positionAccount = value(properties, SETTLEMENT_POSITION_ACCOUNT);
        if ((settlementAccount == null) != (positionAccount == null)) {
            problems.add("Set both " + SETTLEMENT_ACCOUNT + " and " + SETTLEMENT_POSITION_ACCOUNT + " (windows are booked between them), or neither");
        } else if (settlementAccount != null && participantId == null) {
            problems.add(SETTLEMENT_ACCOUNT + " needs " + SETTLEMENT_PARTICIPANT_ID + ": the windows to book come from the switch");
        } else if (settlementAccount != null && settlementAccount.equals(positionAccount)) {
            problems.add(SETTLEMENT_ACCOUNT + " and " + SETTLEMENT_POSITION_ACCOUNT + " must be two accounts");
        }
        return new Tenant.ReconciliationSettings(zone, cutoff, accounts, value(properties, RECONCILIATION_SCHEDULE),
                new Tenant.SettlementSettings(participantId, settlementAccount, positionAccount), backOffice);
    }

    private static PartyId bulkPayer(Map<String, ?> properties, List<String> problems) {
        String type = value(properties, BULK_PAYER_ID_TYPE);
        String id = value(properties, BULK_PAYER_ID_VALUE);
        if (type == null && id == null) {
            return null;
        }
        if (type == null || !PartyId.TYPES.contains(type) || !PartyId.isValidValue(id)) {
            problems.add(BULK_PAYER_ID_TYPE + " (one of " + PartyId.TYPES + ") and " + BULK_PAYER_ID_VALUE
                    + " (1 to 128 characters, without '/') go together");
            return null;
        }
        return PartyId.of(type, id);
    }

    private static Tenant.InvalidRows invalidRows(Map<String, ?> properties, List<String> problems) {
        String value = value(properties, BULK_INVALID_ROWS);
        if (value == null) {
            return DEFAULT_BULK_INVALID_ROWS;
        }
        try {
            return Tenant.InvalidRows.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(BULK_INVALID_ROWS + " must be REFUSE or SKIP, not '" + value + "'");
            return DEFAULT_BULK_INVALID_ROWS;
        }
    }

    /** The hash of a secret: given as such ({@code hashKey}), or made from one given in plain text ({@code plainKey}). */
    private static String secretHash(Map<String, ?> properties, String plainKey, String hashKey, List<String> problems) {
        String hash = value(properties, hashKey);
        String plain = value(properties, plainKey);
        if (hash != null) {
            if (!SecretHash.isHash(hash)) {
                problems.add(hashKey + " is not a " + SecretHash.SCHEME + " hash (hub:channel-secret sets one)");
            }
            return hash;
        }
        if (plain != null) {
            return SecretHash.hash(plain);
        }
        problems.add(hashKey + " (or " + plainKey + ") is required");
        return null;
    }

    private static String value(Map<String, ?> properties, String key) {
        Object value = properties.get(key);
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    private static String required(Map<String, ?> properties, String key, List<String> problems) {
        String value = value(properties, key);
        if (value == null) {
            problems.add(key + " is required");
        }
        return value;
    }

    private static String optional(Map<String, ?> properties, String key, String defaultValue) {
        String value = value(properties, key);
        return value == null ? defaultValue : value;
    }

    private static String identifier(Map<String, ?> properties, String key, List<String> problems) {
        String value = required(properties, key, problems);
        if (value != null && !IDENTIFIER.matcher(value).matches()) {
            problems.add(key + " '" + value + "' must be 1 to 32 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    /** A comma-separated list of fspIds, each checked as {@link #identifier} checks one; none: empty. */
    private static java.util.Set<String> fspIds(Map<String, ?> properties, String key, List<String> problems) {
        String value = value(properties, key);
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        if (value == null) {
            return ids;
        }
        for (String id : value.split(",")) {
            String trimmed = id.trim();
            if (IDENTIFIER.matcher(trimmed).matches()) {
                ids.add(trimmed);
            } else {
                problems.add(key + ": '" + trimmed + "' is not an fspId (1 to 32 letters, digits, '.', '_' or '-')");
            }
        }
        return java.util.Set.copyOf(ids);
    }

    private static List<String> currencies(Map<String, ?> properties, List<String> problems) {
        String value = required(properties, CURRENCIES, problems);
        List<String> currencies = new ArrayList<>();
        if (value == null) {
            return currencies;
        }
        for (String code : value.split(",")) {
            String trimmed = code.trim().toUpperCase(Locale.ROOT);
            try {
                Currency.getInstance(trimmed);
                if (!currencies.contains(trimmed)) {
                    currencies.add(trimmed);
                }
            } catch (IllegalArgumentException e) {
                problems.add(CURRENCIES + ": '" + code.trim() + "' is not an ISO 4217 currency code");
            }
        }
        return currencies;
    }

    private static URI httpUrl(Map<String, ?> properties, String key, boolean mandatory, List<String> problems) {
        String value = mandatory ? required(properties, key, problems) : value(properties, key);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                problems.add(key + " '" + value + "' must be an http or https URL with a host");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(key + " '" + value + "' is not a valid URL: " + e.getReason());
            return null;
        }
    }

    private static boolean bool(Map<String, ?> properties, String key, boolean defaultValue, List<String> problems) {
        String value = value(properties, key);
        if (value == null) {
            return defaultValue;
        }
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.parseBoolean(value);
        }
        problems.add(key + " must be true or false, not '" + value + "'");
        return defaultValue;
    }

    private static Tenant.OnUsRouting onUsRouting(Map<String, ?> properties, List<String> problems) {
        String value = value(properties, ON_US_ROUTING);
        if (value == null) {
            return DEFAULT_ON_US_ROUTING;
        }
        try {
            return Tenant.OnUsRouting.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(ON_US_ROUTING + " must be DIRECT or SWITCH, not '" + value + "'");
            return DEFAULT_ON_US_ROUTING;
        }
    }

    private static BigDecimal amount(Map<String, ?> properties, String key, List<String> problems) {
        String value = value(properties, key);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(value);
            if (amount.signum() < 0) {
                problems.add(key + " must not be negative");
            }
            return amount;
        } catch (NumberFormatException e) {
            problems.add(key + " must be a decimal amount such as 50.00, not '" + value + "'");
            return null;
        }
    }

    private static long seconds(Map<String, ?> properties, String key, long defaultValue, List<String> problems) {
        return wholeNumber(properties, key, defaultValue, 1, Long.MAX_VALUE, "seconds", problems);
    }

    private static long wholeNumber(Map<String, ?> properties, String key, long defaultValue, long min, long max, String unit,
                                    List<String> problems) {
        String value = value(properties, key);
        if (value == null) {
            return defaultValue;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + " must be a whole number of " + unit + (max == Long.MAX_VALUE ? " of at least " + min
                : " from " + min + " to " + max) + ", not '" + value + "'");
        return defaultValue;
    }
}
