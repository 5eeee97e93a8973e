package io.paymenthub.core.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logins of the tenants' channels, wherever they come in (HTTP Basic on the channel API, a
 * connection to the broker): a client id and its secret, checked against the tenant's
 * {@code channel.secretHash}. Guessing is slow (the hash is) and limited: after
 * {@code maxFailures} wrong attempts for one client id, that client is refused for {@code lockout},
 * right secret or not. A secret that verified once is remembered (as its SHA-256, in memory) until
 * the tenant's hash changes, so a channel pays the slow hash once, not on every request.
 */
public class ChannelLogins {

    /** Why a login is refused. */
    public enum Refusal { WRONG_CREDENTIALS, LOCKED_OUT }

    /** A refused login; the same for an unknown tenant and a wrong secret. */
    public static final class LoginRefusedException extends RuntimeException {
        private final Refusal refusal;

        LoginRefusedException(Refusal refusal) {
            super(refusal == Refusal.LOCKED_OUT ? "Too many wrong credentials for this client: try again later"
                    : "Unknown tenant or wrong channel credentials");
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ChannelLogins.class);

    private record Failures(int count, Instant lockedUntil) {
    }

    private final TenantDirectory tenants;
    private final int maxFailures;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, String> verified = new ConcurrentHashMap<>();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public ChannelLogins(TenantDirectory tenants, int maxFailures, Duration lockout) {
        this(tenants, maxFailures, lockout, Clock.systemUTC());
    }

    public ChannelLogins(TenantDirectory tenants, int maxFailures, Duration lockout, Clock clock) {
        this.tenants = tenants;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.clock = clock;
    }

    /**
     * The tenant whose channel this is.
     *
     * @param tenantName the tenant the caller names, or null to find it by its client id
     * @throws LoginRefusedException wrong credentials, or the client locked out
     */
    public Tenant login(String tenantName, String clientId, String secret) {
        return login(tenantName, clientId, secret, Tenant::channel);
    }

    /**
     * The tenant whose batch approver this is ({@code bulk.approver.*}), under the same rules as a channel's login.
     *
     * @throws LoginRefusedException wrong credentials (a tenant without an approver has none right), or the approver locked out
     */
    public Tenant loginApprover(String tenantName, String clientId, String secret) {
        return login(tenantName, clientId, secret, t -> t.settings().bulk().approver());
    }

    /**
     * The tenant whose back office this is ({@code backOffice.*}), under the same rules as a channel's login.
     *
     * @throws LoginRefusedException wrong credentials (a tenant without a back office has none right), or the back office locked out
     */
    public Tenant loginBackOffice(String tenantName, String clientId, String secret) {
        return login(tenantName, clientId, secret, t -> t.settings().reconciliation().backOffice());
    }

    private Tenant login(String tenantName, String clientId, String secret, Function<Tenant, Tenant.ChannelCredentials> credentialsOf) {
        String client = (tenantName == null ? "*" : tenantName) + "/" + (clientId == null ? "" : clientId);
        Optional<Tenant> tenant = (tenantName != null ? tenants.byName(tenantName)
                : tenants.tenants().stream().filter(t -> credentialsOf.apply(t) != null && credentialsOf.apply(t).clientId().equals(clientId))
                        .findFirst()).filter(t -> credentialsOf.apply(t) != null);
        check(client, clientId, secret, tenant.map(credentialsOf).orElse(null));
        return tenant.get();
    }

    /**
     * Checks a client's id and secret against {@code expected} (null: nobody is right) under the
     * rules of this class: the slow hash paid once per right secret, a lockout after wrong ones.
     * For logins that are not a tenant's, such as the metrics scraper's.
     *
     * @param client the name the lockout counts under
     * @throws LoginRefusedException wrong credentials, or the client locked out
     */
    public void check(String client, String clientId, String secret, Tenant.ChannelCredentials expected) {
        Failures failed = failures.get(client);
        if (failed != null && failed.lockedUntil() != null && clock.instant().isBefore(failed.lockedUntil())) {
            throw new LoginRefusedException(Refusal.LOCKED_OUT);
        }
        boolean knownClient = expected != null && clientId != null && constantTimeEquals(clientId, expected.clientId());
        if (!knownClient || secret == null || !secretMatches(client, secret, expected.secretHash())) {
            if (knownClient) {
                fail(client); // only a real client can be locked out: made-up ids cannot fill this map
            }
            throw new LoginRefusedException(Refusal.WRONG_CREDENTIALS);
        }
        failures.remove(client);
    }

    private boolean secretMatches(String client, String secret, String storedHash) {
        String remembered = storedHash + "|" + sha256(secret);
        if (remembered.equals(verified.get(client))) {
            return true;
        }
        if (SecretHash.matches(secret, storedHash)) {
            verified.put(client, remembered);
            return true;
        }
        return false;
    }

    private void fail(String client) {
        Failures now = failures.merge(client, new Failures(1, null), (old, one) -> new Failures(old.count() + 1, null));
        if (now.count() >= maxFailures) {
            failures.put(client, new Failures(now.count(), clock.instant().plus(lockout)));
            LOG.warn("Channel client {} locked out for {} s after {} wrong credentials", client, lockout.toSeconds(), now.count());
        }
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** The client id and secret of an HTTP Basic {@code Authorization} header, if it is one. */
    public static Optional<String[]> basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
