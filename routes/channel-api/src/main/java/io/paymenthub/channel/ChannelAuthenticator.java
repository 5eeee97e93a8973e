package io.paymenthub.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.paymenthub.core.tenant.ChannelLogins;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;

/**
 * Who a channel request is for and whether its caller may act for that tenant: the tenant named
 * in {@code Platform-TenantId}, and, over REST, HTTP Basic credentials matching that tenant's
 * {@code channel.clientId} and secret ({@link ChannelLogins}: hashed, locked out after repeated
 * failures, 429); over JMS, the user the broker authenticated the sender's connection as
 * ({@code JMSXUserID}): no credentials travel in a message. An unknown tenant and wrong
 * credentials get the same answer, so a caller cannot probe which tenants exist; one tenant's
 * credentials never open another's.
 */
public class ChannelAuthenticator {

    public static final String TENANT_HEADER = "Platform-TenantId";

    private final TenantDirectory tenants;
    private final ChannelLogins logins;

    public ChannelAuthenticator(TenantDirectory tenants, int maxFailures, long lockoutSeconds) {
        this(tenants, maxFailures, Duration.ofSeconds(lockoutSeconds), Clock.systemUTC());
    }

    ChannelAuthenticator(TenantDirectory tenants, int maxFailures, Duration lockout, Clock clock) {
        this.tenants = tenants;
        this.logins = new ChannelLogins(tenants, maxFailures, lockout, clock);
    }

    /** A REST request: the named tenant's client id and secret in HTTP Basic. */
    public Tenant authenticate(String tenantHeader, String authorization) {
        String tenantName = tenantName(tenantHeader);
        Optional<String[]> credentials = ChannelLogins.basicCredentials(authorization);
        try {
            return logins.login(tenantName, credentials.map(c -> c[0]).orElse(null), credentials.map(c -> c[1]).orElse(null));
        } catch (ChannelLogins.LoginRefusedException e) {
            throw e.refusal() == ChannelLogins.Refusal.LOCKED_OUT
                    ? new ChannelException(429, "TOO_MANY_FAILED_LOGINS", e.getMessage())
                    : new ChannelException(401, "UNAUTHENTICATED", e.getMessage());
        }
    }

    /**
     * A REST request of one of the tenant's roles. For the approver ({@code bulk.approver.*}) and the
     * back office ({@code backOffice.*}), the tenant's channel is told it may not (403), anybody else
     * that it is unknown (401).
     */
    public Tenant authenticate(String tenantHeader, String authorization, ChannelOperation.Role role) {
        if (role == ChannelOperation.Role.CHANNEL) {
            return authenticate(tenantHeader, authorization);
        }
        String tenantName = tenantName(tenantHeader);
        Optional<String[]> credentials = ChannelLogins.basicCredentials(authorization);
        String clientId = credentials.map(c -> c[0]).orElse(null);
        String secret = credentials.map(c -> c[1]).orElse(null);
        try {
            return role == ChannelOperation.Role.APPROVER ? logins.loginApprover(tenantName, clientId, secret)
                    : logins.loginBackOffice(tenantName, clientId, secret);
        } catch (ChannelLogins.LoginRefusedException e) {
            if (e.refusal() == ChannelLogins.Refusal.LOCKED_OUT) {
                throw new ChannelException(429, "TOO_MANY_FAILED_LOGINS", e.getMessage());
            }
            boolean channel = tenants.byName(tenantName).map(t -> t.channel().clientId().equals(clientId)).orElse(false);
            if (channel) {
                authenticate(tenantHeader, authorization); // a wrong secret still counts, and is still 401
                throw notForTheChannel(role);
            }
            throw new ChannelException(401, "UNAUTHENTICATED", e.getMessage());
        }
    }

    /** What the tenant's channel is told when it asks for an operation of another role. */
    public static ChannelException notForTheChannel(ChannelOperation.Role role) {
        return role == ChannelOperation.Role.APPROVER
                ? new ChannelException(403, "APPROVER_REQUIRED", "Batches are approved over REST by the tenant's approver "
                        + "(bulk.approver.clientId), never by the channel that uploads them")
                : new ChannelException(403, "BACK_OFFICE_REQUIRED", "Reconciliations are run and read over REST by the tenant's back "
                        + "office (backOffice.clientId), not by its channel");
    }

    /** A JMS request: the broker authenticated its connection as {@code brokerUser}, which must be the named tenant's client id. */
    public Tenant authenticateBrokerUser(String tenantHeader, String brokerUser) {
        String tenantName = tenantName(tenantHeader);
        return tenants.byName(tenantName).filter(t -> brokerUser != null && t.channel().clientId().equals(brokerUser))
                .orElseThrow(() -> new ChannelException(401, "UNAUTHENTICATED", "Unknown tenant or wrong channel credentials"));
    }

    private static String tenantName(String tenantHeader) {
        if (tenantHeader == null || tenantHeader.isBlank()) {
            throw new ChannelException(400, "TENANT_MISSING", "The " + TENANT_HEADER + " header names the tenant the request is for");
        }
        return tenantHeader.trim();
    }
}
