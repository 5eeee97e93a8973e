package io.paymenthub.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TenantConfigParserTest {

    private final TenantConfigParser parser = new TenantConfigParser();

    static Map<String, Object> validConfig(String name, String fspId) {
        Map<String, Object> config = new HashMap<>();
        config.put("name", name);
        config.put("fspId", fspId);
        config.put("currencies", "usd, TZS,USD");
        config.put("fineract.url", "http://127.0.0.1:9080/fineract-provider/api/v1");
        config.put("fineract.tenantId", name);
        config.put("fineract.username", "mifos");
        config.put("fineract.password", "fineract-password");
        config.put("channel.clientId", name + "-channel");
        config.put("channel.secret", "channel-secret-value");
        config.put("ilp.secret", "ilp-secret-0123456789");
        return config;
    }

    @Test
    void parsesAValidConfigurationWithDefaults() throws Exception {
        Tenant tenant = parser.parse(validConfig("dfsp1", "payerfsp"));

        assertThat(tenant.name()).isEqualTo("dfsp1");
        assertThat(tenant.fspId()).isEqualTo("payerfsp");
        assertThat(tenant.currencies()).containsExactly("USD", "TZS");
        assertThat(tenant.connector()).isEqualTo("fineract");
        assertThat(tenant.fineract().baseUrl()).hasToString("http://127.0.0.1:9080/fineract-provider/api/v1");
        assertThat(tenant.fineract().tenantId()).isEqualTo("dfsp1");
        assertThat(tenant.notificationUrl()).isNull();
        assertThat(tenant.settings().payerConfirmation()).isFalse();
        assertThat(tenant.settings().onUsRouting()).isEqualTo(Tenant.OnUsRouting.DIRECT);
        assertThat(tenant.settings().payeeCommitMode()).isFalse();
        assertThat(tenant.settings().requests().autoAcceptUpTo()).isNull();
        assertThat(tenant.settings().requests().autoRejectAbove()).isNull();
        assertThat(tenant.settings().requests().answerWithin()).hasSeconds(300);
    }

    @Test
    void readsEverySetting() throws Exception {
        Map<String, Object> config = validConfig("dfsp2", "payeefsp");
        config.put("connector", "musoni");
        config.put("notification.url", "https://channel.example.org/notify");
        config.put("payer.confirmation", "TRUE");
        config.put("onus.routing", "switch");
        config.put("payee.reserveBeforeCommit", "true");
        config.put("requests.autoAcceptUpTo", "5.50");
        config.put("requests.autoRejectAbove", "1000");
        config.put("requests.answerWithinSeconds", "600");

        Tenant tenant = parser.parse(config);

        assertThat(tenant.connector()).isEqualTo("musoni");
        assertThat(tenant.notificationUrl()).hasToString("https://channel.example.org/notify");
        assertThat(tenant.settings().payerConfirmation()).isTrue();
        assertThat(tenant.settings().onUsRouting()).isEqualTo(Tenant.OnUsRouting.SWITCH);
        assertThat(tenant.settings().payeeCommitMode()).isTrue();
        assertThat(tenant.settings().requests().autoAcceptUpTo()).isEqualByComparingTo("5.5");
        assertThat(tenant.settings().requests().autoRejectAbove()).isEqualByComparingTo("1000");
        assertThat(tenant.settings().requests().answerWithin()).hasSeconds(600);
    }

    @Test
    void listsEveryProblemOfABrokenConfigurationAtOnce() {
        Map<String, Object> config = new HashMap<>();
        config.put("name", "bad name!");
        config.put("currencies", "USD,XYZ");
        config.put("fineract.url", "ftp://files.example.org");
        config.put("notification.url", "not a url at all");
        config.put("payer.confirmation", "maybe");
        config.put("onus.routing", "sideways");
        config.put("ilp.secret", "short");
        config.put("requests.autoAcceptUpTo", "ten");
        config.put("requests.autoRejectAbove", "-1");
        config.put("requests.answerWithinSeconds", "0");
        config.put("bulk.fspiop", "true");
        config.put("bulk.fspiopMaxTransfers", "1001");

        assertThatThrownBy(() -> parser.parse(config))
                .isInstanceOfSatisfying(InvalidTenantConfigurationException.class, e -> assertThat(e.problems())
                        .contains("name 'bad name!' must be 1 to 32 letters, digits, '.', '_' or '-'",
                                "fspId is required",
                                "currencies: 'XYZ' is not an ISO 4217 currency code",
                                "fineract.url 'ftp://files.example.org' must be an http or https URL with a host",
                                "fineract.tenantId is required",
                                "fineract.username is required",
                                "fineract.password is required",
                                "channel.clientId is required",
                                "channel.secretHash (or channel.secret) is required",
                                "payer.confirmation must be true or false, not 'maybe'",
                                "onus.routing must be DIRECT or SWITCH, not 'sideways'",
                                "ilp.secret must be at least 16 characters long",
                                "requests.autoAcceptUpTo must be a decimal amount such as 50.00, not 'ten'",
                                "requests.autoRejectAbove must not be negative",
                                "requests.answerWithinSeconds must be a whole number of seconds of at least 1, not '0'",
                                "bulk.fspiopMaxTransfers must be a whole number of transfers from 1 to 1000, not '1001'")
                        .anyMatch(p -> p.startsWith("notification.url 'not a url at all'")));
    }

    @Test
    void blankValuesCountAsMissing() {
        Map<String, Object> config = validConfig("dfsp1", "payerfsp");
        config.put("fineract.password", "   ");

        assertThatThrownBy(() -> parser.parse(config))
                .isInstanceOf(InvalidTenantConfigurationException.class)
                .hasMessage("fineract.password is required");
    }

    @Test
    void secretsNeverAppearInTheTenantsTextForm() throws Exception {
        Tenant tenant = parser.parse(validConfig("dfsp1", "payerfsp"));

        assertThat(tenant.toString())
                .contains("dfsp1", "payerfsp", "mifos")
                .doesNotContain("fineract-password", "channel-secret-value", "ilp-secret-0123456789", tenant.channel().secretHash());
    }

    @Test
    void aChannelSecretIsKeptAsItsHashWhetherGivenPlainOrHashed() throws Exception {
        Tenant plain = parser.parse(validConfig("dfsp1", "payerfsp"));
        Map<String, Object> hashed = validConfig("dfsp1", "payerfsp");
        hashed.remove("channel.secret");
        hashed.put("channel.secretHash", plain.channel().secretHash());
        Map<String, Object> notAHash = validConfig("dfsp1", "payerfsp");
        notAHash.remove("channel.secret");
        notAHash.put("channel.secretHash", "channel-secret-value");

        assertThat(SecretHash.matches("channel-secret-value", plain.channel().secretHash())).isTrue();
        assertThat(SecretHash.matches("channel-secret-valuE", plain.channel().secretHash())).isFalse();
        assertThat(parser.parse(hashed).channel().secretHash()).isEqualTo(plain.channel().secretHash());
        assertThatThrownBy(() -> parser.parse(notAHash)).isInstanceOf(InvalidTenantConfigurationException.class)
                .hasMessageContaining("channel.secretHash is not a pbkdf2-sha256 hash");
    }

    @Test
    void aRequestLimitThatAcceptsMoreThanItRefusesIsRefused() {
        Map<String, Object> config = validConfig("dfsp1", "payerfsp");
        config.put("requests.autoAcceptUpTo", "100");
        config.put("requests.autoRejectAbove", "50");

        assertThatThrownBy(() -> parser.parse(config))
                .isInstanceOf(InvalidTenantConfigurationException.class)
                .hasMessage("requests.autoAcceptUpTo must not be above requests.autoRejectAbove");
    }

    @Test
    void bulkSettingsNameTheDisbursementAccountTheHandlingOfBadRowsAndAnApproverWhoIsNotTheChannel() throws Exception {
        Tenant defaults = parser.parse(validConfig("dfsp1", "payerfsp"));
        assertThat(defaults.settings().bulk().payer()).isNull();
        assertThat(defaults.settings().bulk().invalidRows()).isEqualTo(Tenant.InvalidRows.REFUSE);
        assertThat(defaults.settings().bulk().needsApproval()).isFalse();
        assertThat(defaults.settings().bulk().fundsCheck()).isTrue();
        assertThat(defaults.settings().bulk().fspiopBulk()).isFalse();

        Map<String, Object> config = validConfig("dfsp1", "payerfsp");
        config.put("bulk.payerIdType", "MSISDN");
        config.put("bulk.payerIdValue", "255700000010");
        config.put("bulk.invalidRows", "skip");
        config.put("bulk.approver.clientId", "dfsp1-finance");
        config.put("bulk.approver.secret", "finance-secret");
        config.put("bulk.fundsCheck", "false");
        config.put("bulk.fspiop", "true");
        Tenant tenant = parser.parse(config);
        assertThat(tenant.settings().bulk().fundsCheck()).isFalse();
        assertThat(tenant.settings().bulk().fspiopMaxTransfers()).isEqualTo(1000);
        assertThat(tenant.settings().bulk().fspiopBulkTo("any-fsp")).as("every payee FSP, none being listed").isTrue();
        config.put("bulk.fspiopMaxTransfers", "250");
        config.put("bulk.fspiopPayeeFsps", "dfsp2, dfsp3");
        Tenant.BulkSettings some = parser.parse(config).settings().bulk();
        assertThat(some.fspiopMaxTransfers()).isEqualTo(250);
        assertThat(some.fspiopBulkTo("dfsp3")).isTrue();
        assertThat(some.fspiopBulkTo("dfsp4")).as("not listed: single transfers").isFalse();
        assertThat(tenant.settings().bulk().payer()).isEqualTo(io.paymenthub.core.account.PartyId.of("MSISDN", "255700000010"));
        assertThat(tenant.settings().bulk().invalidRows()).isEqualTo(Tenant.InvalidRows.SKIP);
        assertThat(tenant.settings().bulk().approver().clientId()).isEqualTo("dfsp1-finance");
        assertThat(SecretHash.matches("finance-secret", tenant.settings().bulk().approver().secretHash())).isTrue();
        assertThat(tenant.toString()).doesNotContain("finance-secret");

        Map<String, Object> broken = validConfig("dfsp1", "payerfsp");
        broken.put("bulk.payerIdType", "PHONE");
        broken.put("bulk.invalidRows", "MAYBE");
        broken.put("bulk.fundsCheck", "sometimes");
        broken.put("bulk.fspiopPayeeFsps", "dfsp2,bad fsp!");
        broken.put("bulk.approver.clientId", broken.get("channel.clientId"));
        assertThatThrownBy(() -> parser.parse(broken)).isInstanceOf(InvalidTenantConfigurationException.class)
                .hasMessageContaining("bulk.payerIdType").hasMessageContaining("bulk.invalidRows must be REFUSE or SKIP")
                .hasMessageContaining("the uploader never approves").hasMessageContaining("bulk.approver.secretHash")
                .hasMessageContaining("bulk.fundsCheck must be true or false")
                .hasMessageContaining("bulk.fspiopPayeeFsps: 'bad fsp!' is not an fspId");
    }

    @Test
    void aBusinessDayEndsAtTheTenantsCutOffInItsTimeZone() throws Exception {
        Tenant.ReconciliationSettings midnightUtc = parser.parse(validConfig("dfsp1", "payerfsp")).settings().reconciliation();
        java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 30);
        assertThat(midnightUtc.dayStart(day)).hasToString("2026-11-30T00:00:00Z");
        assertThat(midnightUtc.dayEnd(day)).hasToString("2026-12-01T00:00:00Z");
        assertThat(midnightUtc.accounts()).isEmpty();

        Map<String, Object> config = validConfig("dfsp1", "payerfsp");
        config.put("reconciliation.timeZone", "Africa/Nairobi");
        config.put("reconciliation.cutoff", "17:00");
        config.put("reconciliation.accounts", "settlement-usd, position-usd");
        Tenant.ReconciliationSettings nairobi = parser.parse(config).settings().reconciliation();

        assertThat(nairobi.dayStart(day)).as("17:00 the day before, at +03:00").hasToString("2026-11-29T14:00:00Z");
        assertThat(nairobi.dayEnd(day)).hasToString("2026-11-30T14:00:00Z");
        assertThat(nairobi.dayOf(java.time.Instant.parse("2026-11-30T13:59:59Z"))).isEqualTo(day);
        assertThat(nairobi.dayOf(java.time.Instant.parse("2026-11-30T14:00:00Z"))).isEqualTo(day.plusDays(1));
        assertThat(nairobi.accounts()).containsExactly("settlement-usd", "position-usd");

        config.put("reconciliation.timeZone", "Mars/Olympus");
        config.put("reconciliation.cutoff", "5pm");
        assertThatThrownBy(() -> parser.parse(config)).isInstanceOf(InvalidTenantConfigurationException.class)
                .hasMessageContaining("reconciliation.timeZone 'Mars/Olympus' is not a time zone")
                .hasMessageContaining("reconciliation.cutoff '5pm' is not a time of day");
    }

    @Test
    void aTenantComparesAndBooksTheSwitchsSettlementWindowsOnlyWhenItSaysWhoItIsAndBetweenWhichAccounts() throws Exception {
        assertThat(parser.parse(validConfig("dfsp1", "payerfsp")).settings().reconciliation().settlement())
                .satisfies(s -> assertThat(s.compared()).isFalse()).satisfies(s -> assertThat(s.booked()).isFalse());

        Map<String, Object> config = validConfig("dfsp1", "payerfsp");
        config.put("settlement.participantId", "12");
        assertThat(parser.parse(config).settings().reconciliation().settlement())
                .satisfies(s -> assertThat(s.compared()).isTrue()).satisfies(s -> assertThat(s.booked()).isFalse());
        config.put("settlement.settlementAccount", "settlement-usd");
        config.put("settlement.positionAccount", "position-usd");
        Tenant.SettlementSettings booked = parser.parse(config).settings().reconciliation().settlement();
        assertThat(booked.booked()).isTrue();
        assertThat(booked.settlementAccount()).isEqualTo("settlement-usd");

        config.put("settlement.participantId", "dfsp1");
        config.put("settlement.positionAccount", "settlement-usd");
        assertThatThrownBy(() -> parser.parse(config)).isInstanceOf(InvalidTenantConfigurationException.class)
                .hasMessageContaining("settlement.participantId 'dfsp1' is not the switch's participant number")
                .hasMessageContaining("must be two accounts");
        config.remove("settlement.positionAccount");
        assertThatThrownBy(() -> parser.parse(config)).isInstanceOf(InvalidTenantConfigurationException.class)
                .hasMessageContaining("Set both settlement.settlementAccount and settlement.positionAccount");
        config.put("settlement.positionAccount", "position-usd");
        config.remove("settlement.participantId");
        assertThatThrownBy(() -> parser.parse(config)).isInstanceOf(InvalidTenantConfigurationException.class)
                .hasMessageContaining("settlement.settlementAccount needs settlement.participantId");
    }

    @Test
    void theBackOfficeHasCredentialsOfItsOwnNeverTheChannelsNorTheApprovers() throws Exception {
        assertThat(parser.parse(validConfig("dfsp1", "payerfsp")).settings().reconciliation().backOffice()).isNull();

        Map<String, Object> config = validConfig("dfsp1", "payerfsp");
        config.put("backOffice.clientId", "dfsp1-backoffice");
        config.put("backOffice.secret", "back-office-secret");
        Tenant.ChannelCredentials backOffice = parser.parse(config).settings().reconciliation().backOffice();
        assertThat(backOffice.clientId()).isEqualTo("dfsp1-backoffice");
        assertThat(SecretHash.matches("back-office-secret", backOffice.secretHash())).isTrue();

        config.put("backOffice.clientId", config.get("channel.clientId"));
        assertThatThrownBy(() -> parser.parse(config)).isInstanceOf(InvalidTenantConfigurationException.class)
                .hasMessageContaining("backOffice.clientId must not be the channel's channel.clientId");
        config.put("backOffice.clientId", "finance");
        config.put("bulk.approver.clientId", "finance");
        config.put("bulk.approver.secret", "approver-secret");
        assertThatThrownBy(() -> parser.parse(config)).isInstanceOf(InvalidTenantConfigurationException.class)
                .hasMessageContaining("backOffice.clientId must not be the approver's bulk.approver.clientId");
        config.remove("backOffice.clientId");
        assertThatThrownBy(() -> parser.parse(config)).isInstanceOf(InvalidTenantConfigurationException.class)
                .hasMessageContaining("backOffice.clientId is required with the back office's secret");
    }

    @Test
    void aTenantIsSuspendedOnlyWhenItsFileSaysSo() throws Exception {
        assertThat(parser.parse(validConfig("dfsp1", "payerfsp")).suspended()).isFalse();
        Map<String, Object> config = validConfig("dfsp1", "payerfsp");
        config.put("suspended", "true");
        config.put("suspended.reason", "core banking upgrade (console:ops)");
        assertThat(parser.parse(config).suspended()).isTrue();
        config.put("suspended", "maybe");
        assertThatThrownBy(() -> parser.parse(config)).isInstanceOf(InvalidTenantConfigurationException.class)
                .hasMessageContaining("suspended");
    }
}
