package io.paymenthub.channel;

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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.core.tenant.SecretHash;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;

/**
 * Who a channel request is for and whether its caller may act for that tenant: the tenant named
 * in {@code Platform-TenantId}, and HTTP Basic credentials matching that tenant's
 * {@code channel.clientId} and the hash of its secret ({@code channel.secretHash}). An unknown
 * tenant and wrong credentials get the same answer, so a caller cannot probe which tenants exist;
 * one tenant's credentials never open another's.
 *
 * <p>Guessing is slow (the hash is) and limited: after {@code maxFailures} wrong attempts for one
 * client id, that client is refused 429 for {@code lockout}, right secret or not. A secret that
 * verified once is remembered (as its SHA-256, in memory) until the tenant's hash changes, so a
 * channel pays the slow hash once, not on every request.
 */
public class ChannelAuthenticator {

    public static final String TENANT_HEADER = "Platform-TenantId";
    private static final Logger LOG = LoggerFactory.getLogger(ChannelAuthenticator.class);

    private record Failures(int count, Instant lockedUntil) {
    }

    private final TenantDirectory tenants;
    private final int maxFailures;
    private final Duration lockout;
    private final Clock clock;
    /** Per tenant and client id: the stored hash a given secret was verified against, and that secret's SHA-256. */
    private final Map<String, String> verified = new ConcurrentHashMap<>();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public ChannelAuthenticator(TenantDirectory tenants, int maxFailures, long lockoutSeconds) {
        this(tenants, maxFailures, Duration.ofSeconds(lockoutSeconds), Clock.systemUTC());
    }

    ChannelAuthenticator(TenantDirectory tenants, int maxFailures, Duration lockout, Clock clock) {
        this.tenants = tenants;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.clock = clock;
    }

    public Tenant authenticate(String tenantHeader, String authorization) {
        if (tenantHeader == null || tenantHeader.isBlank()) {
            throw new ChannelException(400, "TENANT_MISSING", "The " + TENANT_HEADER + " header names the tenant the request is for");
        }
        Optional<String[]> credentials = basicCredentials(authorization);
        String client = tenantHeader.trim() + "/" + credentials.map(c -> c[0]).orElse("");
        Failures failed = failures.get(client);
        if (failed != null && failed.lockedUntil() != null && clock.instant().isBefore(failed.lockedUntil())) {
            throw new ChannelException(429, "TOO_MANY_FAILED_LOGINS", "Too many wrong credentials for this client: try again later");
        }
        Optional<Tenant> tenant = tenants.byName(tenantHeader.trim());
        if (tenant.isEmpty() || credentials.isEmpty() || !constantTimeEquals(credentials.get()[0], tenant.get().channel().clientId())
                || !secretMatches(client, credentials.get()[1], tenant.get().channel().secretHash())) {
            fail(client);
            throw new ChannelException(401, "UNAUTHENTICATED", "Unknown tenant or wrong channel credentials");
        }
        failures.remove(client);
        return tenant.get();
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

    private static Optional<String[]> basicCredentials(String authorization) {
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
}
