package io.paymenthub.karaf.broker;

import java.security.Principal;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.apache.activemq.broker.Broker;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.ConnectionContext;
import org.apache.activemq.command.ActiveMQDestination;
import org.apache.activemq.command.ConnectionInfo;
import org.apache.activemq.security.AbstractAuthenticationBroker;
import org.apache.activemq.security.AuthorizationBroker;
import org.apache.activemq.security.AuthorizationMap;
import org.apache.activemq.security.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.core.tenant.ChannelLogins;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;

/**
 * Who may use the embedded broker, and for what (ActiveMQ's authentication and authorization
 * brokers, fed with the hub's own users):
 * <ul>
 * <li>the hub itself (user {@code hub}, a password made at each start and never written down) and
 *     an optional operator user ({@code admin.username}) may use every destination;</li>
 * <li>a tenant's channel logs in with its channel client id and secret ({@link ChannelLogins}: the
 *     same hash, lockout and cache as the REST API) and may only send to {@code channel.requests},
 *     read its own {@code channel.notifications.<tenant>}, and use temporary queues for replies;
 *     the flows' internal queues are closed to it;</li>
 * <li>anyone else is refused at connection.</li>
 * </ul>
 * The broker writes the authenticated user into every message ({@code JMSXUserID}), so the
 * channel API knows which tenant's channel sent a request without credentials in the message.
 */
public class BrokerSecurity implements BrokerPlugin {

    public static final String HUB_USER = "hub";
    static final String HUB_GROUP = "hub";
    static final String CHANNEL_GROUP = "channel";
    static final String REQUESTS = "channel.requests";
    static final String NOTIFICATIONS_PREFIX = "channel.notifications.";

    private static final Logger LOG = LoggerFactory.getLogger(BrokerSecurity.class);

    private final String hubPassword;
    private final String adminUser;
    private final String adminPassword;
    private final List<TenantDirectory> tenants;
    private final int maxFailures;
    private final long lockoutSeconds;
    /** The logins over the tenant directory served now; made again when that service is replaced. */
    private TenantDirectory loginsOf;
    private ChannelLogins logins;

    /**
     * @param tenants the tenant directory as a live list: empty while the core bundle is not there
     */
    public BrokerSecurity(List<TenantDirectory> tenants, String adminUser, String adminPassword, int maxFailures, long lockoutSeconds) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.hubPassword = HexFormat.of().formatHex(random);
        this.adminUser = adminUser == null || adminUser.isBlank() ? null : adminUser.trim();
        this.adminPassword = adminPassword;
        this.tenants = tenants;
        this.maxFailures = maxFailures;
        this.lockoutSeconds = lockoutSeconds;
    }

    private synchronized ChannelLogins logins() {
        TenantDirectory directory = tenants.isEmpty() ? null : tenants.get(0);
        if (directory != loginsOf) {
            loginsOf = directory;
            logins = directory == null ? null : new ChannelLogins(directory, maxFailures, Duration.ofSeconds(lockoutSeconds));
        }
        return logins;
    }

    /** The hub's own password, for its connection factory in this JVM. */
    public String hubPassword() {
        return hubPassword;
    }

    @Override
    public Broker installPlugin(Broker broker) {
        return new AuthorizationBroker(new Authentication(broker), new Authorization());
    }

    /** A group a user belongs to; the authorization map names groups. */
    record Group(String getName) implements Principal {
    }

    private static SecurityContext context(String user, Set<Principal> groups) {
        return new SecurityContext(user) {
            @Override
            public Set<Principal> getPrincipals() {
                return groups;
            }
        };
    }

    private final class Authentication extends AbstractAuthenticationBroker {

        Authentication(Broker next) {
            super(next);
        }

        @Override
        public void addConnection(ConnectionContext context, ConnectionInfo info) throws Exception {
            SecurityContext security = context.getSecurityContext();
            if (security == null) {
                security = authenticate(info.getUserName(), info.getPassword(), null);
                context.setSecurityContext(security);
                securityContexts.add(security);
            }
            try {
                super.addConnection(context, info);
            } catch (Exception e) {
                securityContexts.remove(security);
                context.setSecurityContext(null);
                throw e;
            }
        }

        @Override
        public SecurityContext authenticate(String user, String password, X509Certificate[] certificates) {
            if (HUB_USER.equals(user) && hubPassword.equals(password)) {
                return context(user, Set.of(new Group(HUB_GROUP)));
            }
            if (adminUser != null && adminUser.equals(user) && adminPassword != null && adminPassword.equals(password)) {
                return context(user, Set.of(new Group(HUB_GROUP)));
            }
            ChannelLogins channelLogins = logins();
            if (channelLogins != null && user != null && !HUB_USER.equals(user)) {
                try {
                    Tenant tenant = channelLogins.login(null, user, password);
                    return context(user, Set.of(new Group(CHANNEL_GROUP), new Group(CHANNEL_GROUP + ":" + tenant.name())));
                } catch (ChannelLogins.LoginRefusedException e) {
                    LOG.warn("Broker connection as {} refused: {}", user, e.getMessage());
                    throw new SecurityException(e.getMessage());
                }
            }
            LOG.warn("Broker connection as {} refused: unknown user", user);
            throw new SecurityException("User name [" + user + "] or password is invalid.");
        }
    }

    /** Hub: everything. A channel of tenant T: send channel.requests, read channel.notifications.T, temporary queues, advisories. */
    private static final class Authorization implements AuthorizationMap {

        private static final Set<Principal> HUB = Set.of(new Group(HUB_GROUP));
        private static final Set<Principal> HUB_AND_CHANNELS = Set.of(new Group(HUB_GROUP), new Group(CHANNEL_GROUP));

        @Override
        public Set<?> getTempDestinationAdminACLs() {
            return HUB_AND_CHANNELS;
        }

        @Override
        public Set<?> getTempDestinationReadACLs() {
            return HUB_AND_CHANNELS;
        }

        @Override
        public Set<?> getTempDestinationWriteACLs() {
            return HUB_AND_CHANNELS;
        }

        @Override
        public Set<?> getAdminACLs(ActiveMQDestination destination) {
            if (isAdvisory(destination) || isRequests(destination)) {
                return HUB_AND_CHANNELS;
            }
            return ownNotifications(destination);
        }

        @Override
        public Set<?> getReadACLs(ActiveMQDestination destination) {
            return isAdvisory(destination) ? HUB_AND_CHANNELS : ownNotifications(destination);
        }

        @Override
        public Set<?> getWriteACLs(ActiveMQDestination destination) {
            return isAdvisory(destination) || isRequests(destination) ? HUB_AND_CHANNELS : HUB;
        }

        private static Set<?> ownNotifications(ActiveMQDestination destination) {
            if (destination.isQueue() && destination.getPhysicalName().startsWith(NOTIFICATIONS_PREFIX)) {
                String tenant = destination.getPhysicalName().substring(NOTIFICATIONS_PREFIX.length());
                return Set.of(new Group(HUB_GROUP), new Group(CHANNEL_GROUP + ":" + tenant));
            }
            return HUB;
        }

        private static boolean isRequests(ActiveMQDestination destination) {
            return destination.isQueue() && REQUESTS.equals(destination.getPhysicalName());
        }

        private static boolean isAdvisory(ActiveMQDestination destination) {
            return destination.isTopic() && destination.getPhysicalName().startsWith("ActiveMQ.Advisory.");
        }
    }
}
