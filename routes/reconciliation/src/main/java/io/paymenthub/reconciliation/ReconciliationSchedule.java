package io.paymenthub.reconciliation;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;

/**
 * Runs each tenant's business day last closed at the times of its {@code reconciliation.schedule}
 * (a Quartz cron expression in the tenant's time zone), checked on a timer. A fire time counts
 * until a run of that day starts after it, so a hub that was down at the time runs the day when it
 * comes back, and of the nodes of a cluster the first runs it and the others find it started. A
 * failed run is tried again at the next fire time, not on every check.
 */
public class ReconciliationSchedule implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationSchedule.class);
    /** How far back a fire time is still honoured: a day's run is not started for a fire time older than this. */
    static final Duration LOOK_BACK = Duration.ofHours(24);
    public static final String REQUESTED_BY = "schedule";

    private final TenantDirectory tenants;
    private final Reconciliations reconciliations;
    private final Clock clock;
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    public ReconciliationSchedule(TenantDirectory tenants, Reconciliations reconciliations) {
        this(tenants, reconciliations, Clock.systemUTC());
    }

    ReconciliationSchedule(TenantDirectory tenants, Reconciliations reconciliations, Clock clock) {
        this.tenants = tenants;
        this.reconciliations = reconciliations;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        runDue();
    }

    /** Runs the days that are due now; returns how many ran. */
    public int runDue() throws Exception {
        Instant now = clock.instant();
        int ran = 0;
        for (Tenant tenant : tenants.tenants()) {
            Optional<Instant> fired = lastFireTime(tenant, now);
            if (fired.isEmpty()) {
                continue;
            }
            // The day due is the one last closed at the fire time (not now: a check just before the
            // next fire time must not run the next day early).
            LocalDate day = tenant.settings().reconciliation().dayOf(fired.get()).minusDays(1);
            Optional<Instant> started = reconciliations.store().lastStarted(tenant.name(), day);
            if (started.isPresent() && !started.get().isBefore(fired.get())) {
                continue; // run since that fire time, here or on another node
            }
            try {
                ReconciliationRun run = reconciliations.run(tenant.name(), day, REQUESTED_BY);
                LOG.info("Scheduled reconciliation of {} for {}: {} break(s)", tenant.name(), day, run.breakCount());
                ran++;
            } catch (ReconciliationBusyException e) {
                LOG.info("Scheduled reconciliation of {} for {} left to the run under way: {}", tenant.name(), day, e.getMessage());
            } catch (Exception e) {
                // Recorded as a FAILED run; tried again at the next fire time.
                LOG.error("Scheduled reconciliation of {} for {} failed: {}", tenant.name(), day, e.getMessage());
            }
        }
        return ran;
    }

    /** The newest fire time of the tenant's schedule at or before {@code now}, within {@link #LOOK_BACK}. */
    Optional<Instant> lastFireTime(Tenant tenant, Instant now) {
        Tenant.ReconciliationSettings settings = tenant.settings().reconciliation();
        String schedule = settings.schedule();
        if (schedule == null) {
            return Optional.empty();
        }
        CronExpression cron;
        try {
            cron = new CronExpression(schedule);
        } catch (ParseException e) {
            if (!schedule.equals(refused.put(tenant.name(), schedule))) {
                LOG.error("Tenant {}: reconciliation.schedule '{}' is not a Quartz cron expression ({}): its days are reconciled only "
                        + "when asked", tenant.name(), schedule, e.getMessage());
            }
            return Optional.empty();
        }
        refused.remove(tenant.name());
        cron.setTimeZone(TimeZone.getTimeZone(settings.timeZone()));
        Date last = null;
        Date next = cron.getTimeAfter(Date.from(now.minus(LOOK_BACK)));
        while (next != null && !next.toInstant().isAfter(now)) {
            last = next;
            next = cron.getTimeAfter(next);
        }
        return Optional.ofNullable(last).map(Date::toInstant);
    }
}
