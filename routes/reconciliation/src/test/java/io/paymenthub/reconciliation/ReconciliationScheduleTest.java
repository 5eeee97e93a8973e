package io.paymenthub.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.schema.TestDatabases;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantRegistry;
import io.paymenthub.core.tenant.TestTenantConfigs;

/**
 * A tenant's schedule runs the day last closed at each fire time, once, also after the hub was
 * down at the time; a check just before the next fire time runs nothing; a bad expression runs nothing.
 */
class ReconciliationScheduleTest {

    @TempDir
    Path reports;
    final TenantRegistry tenants = new TenantRegistry();
    final AtomicReference<Instant> now = new AtomicReference<>();
    ReconciliationSchedule schedule;
    Reconciliations reconciliations;

    @BeforeEach
    void start() throws Exception {
        DataSource dataSource = TestDatabases.h2();
        new SchemaMigrator(dataSource).migrate();
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        reconciliations = new Reconciliations(tenants, new AccountSystemDirectory(List.of()), List.of(), new ReconciliationStore(dataSource), reports,
                Duration.ofMinutes(60), clock);
        schedule = new ReconciliationSchedule(tenants, reconciliations, clock);
    }

    private void tenant(String schedule) throws Exception {
        Map<String, Object> config = TestTenantConfigs.valid("dfsp1", "dfsp1");
        config.put("reconciliation.timeZone", "Africa/Nairobi");
        config.put("reconciliation.schedule", schedule);
        tenants.update("pid-1", "etc/dfsp1.cfg", config);
    }

    @Test
    void eachFireTimeRunsTheDayLastClosedThenOnceAndAHubThatWasDownCatchesUp() throws Exception {
        tenant("0 30 0 * * ?"); // 00:30 in Nairobi, 21:30 UTC the day before
        now.set(Instant.parse("2026-11-30T21:29:00Z"));
        Tenant dfsp1 = reconciliations.tenant("dfsp1");

        assertThat(schedule.lastFireTime(dfsp1, now.get())).contains(Instant.parse("2026-11-29T21:30:00Z"));
        assertThat(schedule.runDue()).as("the fire time of the day before: its day was never run, so it runs now").isEqualTo(1);
        assertThat(reconciliations.result("dfsp1", LocalDate.of(2026, 11, 29))).isPresent();
        assertThat(schedule.runDue()).as("once").isZero();

        now.set(Instant.parse("2026-11-30T21:31:00Z"));
        assertThat(schedule.runDue()).isEqualTo(1);
        assertThat(reconciliations.result("dfsp1", LocalDate.of(2026, 11, 30))).get()
                .satisfies(run -> assertThat(run.requestedBy()).isEqualTo("schedule"));
        now.set(Instant.parse("2026-12-01T21:29:00Z"));
        assertThat(schedule.runDue()).as("just before the next fire time, nothing").isZero();
        assertThat(reconciliations.result("dfsp1", LocalDate.of(2026, 12, 1))).isEmpty();
    }

    @Test
    void aTenantWithoutScheduleOrWithABadOneIsRunOnlyWhenAsked() throws Exception {
        now.set(Instant.parse("2026-11-30T21:31:00Z"));
        tenant("every night");
        assertThat(schedule.runDue()).isZero();
        Map<String, Object> config = TestTenantConfigs.valid("dfsp1", "dfsp1");
        tenants.update("pid-1", "etc/dfsp1.cfg", config);
        assertThat(schedule.runDue()).isZero();
        assertThat(reconciliations.runs(null, 10)).isEmpty();
    }
}
