package io.paymenthub.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;

/**
 * Who a channel request is for and whether its caller may act for that tenant: the tenant named
 * in {@code Platform-TenantId}, and HTTP Basic credentials matching that tenant's
 * {@code channel.clientId} and {@code channel.secret}. An unknown tenant and wrong credentials get
 * the same answer, so a caller cannot probe which tenants exist; one tenant's credentials never
 * open another's.
 */
public class ChannelAuthenticator {

    public static final String TENANT_HEADER = "Platform-TenantId";

    private final TenantDirectory tenants;

    public ChannelAuthenticator(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    public Tenant authenticate(String tenantHeader, String authorization) {
        if (tenantHeader == null || tenantHeader.isBlank()) {
            throw new ChannelException(400, "TENANT_MISSING", "The " + TENANT_HEADER + " header names the tenant the request is for");
        }
        Optional<Tenant> tenant = tenants.byName(tenantHeader.trim());
        Optional<String[]> credentials = basicCredentials(authorization);
        if (tenant.isEmpty() || credentials.isEmpty()
                || !constantTimeEquals(credentials.get()[0], tenant.get().channel().clientId())
                || !constantTimeEquals(credentials.get()[1], tenant.get().channel().secret())) {
            throw new ChannelException(401, "UNAUTHENTICATED", "Unknown tenant or wrong channel credentials");
        }
        return tenant.get();
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

    private static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
