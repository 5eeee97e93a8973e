package io.paymenthub.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paymenthub.core.schema.CuttableDataSource;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.schema.TestDatabases;

/**
 * Two nodes' leases on one real PostgreSQL: one node holds a task at a time, the other takes it
 * when the first stops, or once the first's lease ran out while its database was away (after the
 * first gave it up); a timer under the lease runs only on the node that holds it.
 */
class DatabaseLeasesTest {

    private static final Duration DURATION = Duration.ofMillis(1200);
    private static final Duration RENEW = Duration.ofMillis(200);

    private DataSource database;
    private CuttableDataSource nodeADatabase;
    private DatabaseLeases nodeA;
    private DatabaseLeases nodeB;

    @BeforeEach
    void migrate() throws Exception {
        database = TestDatabases.postgres();
        new SchemaMigrator(database).migrate();
        nodeADatabase = new CuttableDataSource(database);
        nodeA = new DatabaseLeases(nodeADatabase, DURATION, RENEW, Clock.systemUTC(), "node-a");
        nodeB = new DatabaseLeases(database, DURATION, RENEW, Clock.systemUTC(), "node-b");
    }

    @AfterEach
    void stop() throws Exception {
        nodeA.stop();
        nodeB.stop();
    }

    @Test
    void oneNodeHoldsATaskAndTheOtherTakesItWhenTheFirstStops() throws Exception {
        nodeA.start();
        LeaseWatch a = LeaseWatch.of(nodeA.getView("payer-deadlines"));
        assertThat(a.awaitHeld(true)).as("node A takes the free lease").isTrue();

        nodeB.start();
        CamelClusterView viewB = nodeB.getView("payer-deadlines");
        LeaseWatch b = LeaseWatch.of(viewB);
        assertThat(b.awaitHeldFor(RENEW.multipliedBy(3))).as("node B waits while A holds it").isFalse();
        assertThat(viewB.getLeader()).map(member -> member.getId()).contains("node-a");
        assertThat(nodeB.holders()).containsEntry("payer-deadlines", "node-a");

        nodeA.stop();
        assertThat(b.awaitHeld(true)).as("node A gave it back: node B takes it at its next renewal").isTrue();
        assertThat(nodeB.holders()).containsEntry("payer-deadlines", "node-b");
    }

    @Test
    void aNodeCutFromTheDatabaseGivesItsLeaseUpBeforeAnotherNodeTakesIt() throws Exception {
        nodeA.start();
        LeaseWatch a = LeaseWatch.of(nodeA.getView("journal-retention"));
        assertThat(a.awaitHeld(true)).isTrue();
        nodeB.start();
        LeaseWatch b = LeaseWatch.of(nodeB.getView("journal-retention"));

        nodeADatabase.cut(true);
        assertThat(a.awaitHeld(false)).as("node A gives the lease up, unable to renew it").isTrue();
        assertThat(b.awaitHeld(true)).as("node B takes it once it expired").isTrue();

        assertThat(a.changedAt.get()).as("never both at once").isBefore(b.changedAt.get());
    }

    @Test
    void aTaskUnderTheLeaseRunsOnlyOnTheNodeThatHoldsIt() throws Exception {
        nodeA.start();
        nodeB.start();
        CamelContext contextA = contextWith(nodeA);
        CamelContext contextB = null;
        try {
            NotifyBuilder checkedOnA = new NotifyBuilder(contextA).fromRoute("bulk-deadlines").whenDone(3).create();
            LeaseWatch a = LeaseWatch.of(nodeA.getView("bulk-deadlines"));
            assertThat(a.awaitHeld(true)).isTrue();
            contextB = contextWith(nodeB);
            NotifyBuilder checkedOnB = new NotifyBuilder(contextB).fromRoute("bulk-deadlines").whenDone(1).create();
            LeaseWatch b = LeaseWatch.of(nodeB.getView("bulk-deadlines"));

            assertThat(checkedOnA.matches(DURATION.multipliedBy(5).toMillis(), TimeUnit.MILLISECONDS)).as("node A's timer runs").isTrue();
            assertThat(checkedOnB.matches()).as("node B's timer does not run while node A holds the lease").isFalse();

            nodeA.stop();
            assertThat(b.awaitHeld(true)).isTrue();
            assertThat(checkedOnB.matches(DURATION.multipliedBy(5).toMillis(), TimeUnit.MILLISECONDS)).as("node B's timer runs").isTrue();
        } finally {
            contextA.stop();
            if (contextB != null) {
                contextB.stop();
            }
        }
    }

    private static CamelContext contextWith(DatabaseLeases leases) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("hubLeases", leases);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(Singletons.oneNodeAtATime(getContext(), "bulk-deadlines", "timer:bulk-deadlines?period=50"))
                        .routeId("bulk-deadlines").log("checked");
            }
        });
        context.start();
        return context;
    }

    /** Whether this node holds a lease, as Camel's leadership events tell it. */
    private static final class LeaseWatch implements CamelClusterEventListener.Leadership {

        private final CamelClusterView view;
        private final AtomicReference<Instant> changedAt = new AtomicReference<>();
        private volatile CountDownLatch changed = new CountDownLatch(1);
        private volatile boolean leader;

        private LeaseWatch(CamelClusterView view) {
            this.view = view;
        }

        static LeaseWatch of(CamelClusterView view) {
            LeaseWatch leadership = new LeaseWatch(view);
            view.addEventListener(leadership);
            return leadership;
        }

        @Override
        public void leadershipChanged(CamelClusterView view, org.apache.camel.cluster.CamelClusterMember member) {
            boolean now = view.getLocalMember().isLeader();
            if (now != leader) {
                this.leader = now;
                changedAt.set(Instant.now());
            }
            changed.countDown();
        }

        /** Whether this node holds the lease, as the last event said. */
        boolean held() {
            return leader;
        }

        /** Waits, up to a few lease durations, for this node to hold the lease ({@code true}) or not. */
        boolean awaitHeld(boolean expected) throws InterruptedException {
            long deadline = System.nanoTime() + DURATION.multipliedBy(5).toNanos();
            while (held() != expected && System.nanoTime() < deadline) {
                CountDownLatch latch = new CountDownLatch(1);
                changed = latch;
                if (held() != expected) {
                    latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                }
            }
            return held() == expected;
        }

        /** Whether this node comes to hold the lease within {@code time}. */
        boolean awaitHeldFor(Duration time) throws InterruptedException {
            long deadline = System.nanoTime() + time.toNanos();
            while (!held() && System.nanoTime() < deadline) {
                CountDownLatch latch = new CountDownLatch(1);
                changed = latch;
                if (!held()) {
                    latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                }
            }
            return held();
        }
    }
}
