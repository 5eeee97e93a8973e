package io.paymenthub.core.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.core.schema.SqlValues;

/**
 * Camel's cluster service on the hub's own database, for the tasks one node of a cluster runs at a
 * time: each namespace is a row of {@code hub_lease} that one node holds until it expires. Camel has
 * cluster services on ZooKeeper, Consul, Kubernetes or a shared file, none of which a hub's cluster
 * has; it always has the shared database. Routes join through Camel's {@code master} component
 * ({@link Singletons}): their consumer runs on the node that holds the lease, not on the others.
 * Listeners hear of a change on each lease's own thread, so that a slow one never lets a lease run
 * out nor holds up a CamelContext that is starting.
 *
 * <p>Every {@code renew} the node renews the leases it holds and takes those that expired. It gives
 * a lease up (its routes stopped) once it could not renew it for {@code duration} minus
 * {@code renew}, before any other node may take it: so node clocks must agree to better than
 * {@code renew} (NTP). A node that stops gives its leases back at once; a node that dies loses them
 * when they expire.
 */
public class DatabaseLeases extends AbstractCamelClusterService<DatabaseLeases.Lease> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseLeases.class);

    private final DataSource dataSource;
    private final Duration duration;
    private final Duration renew;
    private final Clock clock;
    private final String nodeId;
    private final List<Lease> leases = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;

    /**
     * @param durationMillis how long a lease holds without renewal: how long a dead node's tasks wait for another node
     * @param renewMillis    how often leases are renewed and expired ones taken
     */
    public DatabaseLeases(DataSource dataSource, long durationMillis, long renewMillis) {
        this(dataSource, Duration.ofMillis(durationMillis), Duration.ofMillis(renewMillis), Clock.systemUTC(), defaultNodeId());
    }

    DatabaseLeases(DataSource dataSource, Duration duration, Duration renew, Clock clock, String nodeId) {
        super(nodeId);
        if (renew.isZero() || renew.isNegative() || renew.multipliedBy(2).compareTo(duration) > 0) {
            throw new IllegalArgumentException("A lease is renewed at least twice in its duration: renew " + renew.toMillis()
                    + " ms, duration " + duration.toMillis() + " ms");
        }
        this.dataSource = dataSource;
        this.duration = duration;
        this.renew = renew;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** This node in {@code hub_lease.holder}: host, Karaf instance, and a part new at every start. */
    static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + System.getProperty("karaf.name", "hub") + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String nodeId() {
        return nodeId;
    }

    /** Who holds each lease now, by name, as the database says: for the console. */
    public Map<String, String> holders() throws SQLException {
        Map<String, String> holders = new java.util.TreeMap<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT name, holder, expires_at FROM hub_lease")) {
            try (ResultSet rs = select.executeQuery()) {
                Instant now = clock.instant();
                while (rs.next()) {
                    holders.put(rs.getString("name"), SqlValues.instant(rs, "expires_at").isAfter(now) ? rs.getString("holder") : "");
                }
            }
        }
        return holders;
    }

    @Override
    protected Lease createView(String namespace) {
        return new Lease(namespace);
    }

    @Override
    protected void doStart() throws Exception {
        timer = Executors.newSingleThreadScheduledExecutor(daemon("hub-leases"));
        timer.scheduleWithFixedDelay(this::renewAll, 0, renew.toMillis(), TimeUnit.MILLISECONDS);
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (timer != null) {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private void renewAll() {
        for (Lease lease : leases) {
            try {
                lease.renewOrTake();
            } catch (RuntimeException e) {
                LOG.warn("Lease {}: {}", lease.getNamespace(), e.getMessage());
            }
        }
    }

    /** One task's lease, as this node sees it. */
    public final class Lease extends AbstractCamelClusterView {

        private final Member local = new Member(nodeId, true);
        private volatile boolean held;
        private volatile Instant renewedAt = Instant.EPOCH;
        private volatile String holder;
        /**
         * Where this lease's listeners hear of it, in order, one lease's apart from another's: never on the
         * renewal thread (a slow listener must not let a lease run out), nor on the thread that adds a
         * listener (Camel's master consumer takes a few seconds to start its consumer, and would hold up
         * the CamelContext that is starting).
         */
        private volatile ExecutorService events = Executors.newSingleThreadExecutor(daemon("hub-lease-" + getNamespace()));
        private final Map<CamelClusterEventListener, CamelClusterEventListener> onOwnThread = new ConcurrentHashMap<>();

        Lease(String namespace) {
            super(DatabaseLeases.this, namespace);
        }

        @Override
        public void addEventListener(CamelClusterEventListener listener) {
            if (listener instanceof CamelClusterEventListener.Leadership leadership) {
                CamelClusterEventListener.Leadership told = (view, leader) -> events.execute(() -> leadership.leadershipChanged(view, leader));
                onOwnThread.put(listener, told);
                super.addEventListener(told);
            } else {
                super.addEventListener(listener);
            }
        }

        @Override
        public void removeEventListener(CamelClusterEventListener listener) {
            CamelClusterEventListener told = onOwnThread.remove(listener);
            super.removeEventListener(told != null ? told : listener);
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return local;
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            if (held) {
                return Optional.of(local);
            }
            String other = holder;
            return other == null ? Optional.empty() : Optional.of(new Member(other, false));
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            List<CamelClusterMember> members = new ArrayList<>(List.of(local));
            getLeader().filter(leader -> !leader.isLocal()).ifPresent(members::add);
            return members;
        }

        @Override
        protected void doStart() {
            if (events.isShutdown()) {
                events = Executors.newSingleThreadExecutor(daemon("hub-lease-" + getNamespace()));
            }
            leases.add(this);
            if (timer != null) {
                timer.execute(this::renewOrTake);
            }
        }

        @Override
        protected synchronized void doStop() {
            // Synchronized with a renewal under way, which would take the lease again after it was given back.
            leases.remove(this);
            if (held) {
                giveBack();
            }
            // What is queued (the lease given back) is still told.
            events.shutdown();
        }

        /** Renews the lease this node holds, or takes it if it expired; gives it up if it could not renew it in time. */
        synchronized void renewOrTake() {
            if (!isRunAllowed()) {
                return;
            }
            Instant now = clock.instant();
            try {
                boolean holds = tryHold(now);
                if (holds) {
                    renewedAt = now;
                }
                changeTo(holds);
            } catch (SQLException e) {
                // Given up before it expires for the others: two nodes never run the task at once.
                if (held && now.isAfter(renewedAt.plus(duration).minus(renew))) {
                    LOG.warn("Lease {} given up: not renewed since {} ({})", getNamespace(), renewedAt, e.getMessage());
                    changeTo(false);
                } else {
                    LOG.debug("Lease {} not renewed now: {}", getNamespace(), e.getMessage());
                }
            }
        }

        private boolean tryHold(Instant now) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE hub_lease SET holder = ?, expires_at = ?, "
                        + "renewed_at = ? WHERE name = ? AND (holder = ? OR expires_at < ?)")) {
                    update.setString(1, nodeId);
                    SqlValues.bind(update, 2, now.plus(duration));
                    SqlValues.bind(update, 3, now);
                    update.setString(4, getNamespace());
                    update.setString(5, nodeId);
                    SqlValues.bind(update, 6, now);
                    if (update.executeUpdate() == 1) {
                        holder = nodeId;
                        return true;
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO hub_lease (name, holder, expires_at, renewed_at) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, getNamespace());
                    insert.setString(2, nodeId);
                    SqlValues.bind(insert, 3, now.plus(duration));
                    SqlValues.bind(insert, 4, now);
                    insert.executeUpdate();
                    holder = nodeId;
                    return true;
                } catch (SQLException e) {
                    if (!SqlValues.isConstraintViolation(e)) {
                        throw e;
                    }
                }
                holder = currentHolder(connection, now).orElse(null);
                return false;
            }
        }

        private Optional<String> currentHolder(Connection connection, Instant now) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement("SELECT holder FROM hub_lease WHERE name = ? AND expires_at >= ?")) {
                select.setString(1, getNamespace());
                SqlValues.bind(select, 2, now);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        }

        private void giveBack() {
            changeTo(false);
            try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                    "UPDATE hub_lease SET expires_at = ? WHERE name = ? AND holder = ?")) {
                SqlValues.bind(update, 1, clock.instant());
                update.setString(2, getNamespace());
                update.setString(3, nodeId);
                update.executeUpdate();
            } catch (SQLException e) {
                LOG.info("Lease {} not given back ({}): it expires by itself", getNamespace(), e.getMessage());
            }
        }

        private void changeTo(boolean holds) {
            if (held != holds) {
                held = holds;
                LOG.info(holds ? "Lease {} taken by this node ({}): its task runs here" : "Lease {} left by this node ({})",
                        getNamespace(), nodeId);
                fireLeadershipChangedEvent(holds ? local : null);
            }
        }

        /** A node, this one or the holder another one named. */
        private final class Member implements CamelClusterMember {

            private final String id;
            private final boolean isLocal;

            Member(String id, boolean isLocal) {
                this.id = id;
                this.isLocal = isLocal;
            }

            @Override
            public boolean isLeader() {
                return isLocal ? held : id.equals(holder);
            }

            @Override
            public boolean isLocal() {
                return isLocal;
            }

            @Override
            public String getId() {
                return id;
            }
        }
    }
}
