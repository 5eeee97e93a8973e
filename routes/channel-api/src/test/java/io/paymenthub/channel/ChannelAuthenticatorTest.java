package io.paymenthub.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.paymenthub.core.tenant.TenantRegistry;
import io.paymenthub.core.tenant.TestTenantConfigs;

class ChannelAuthenticatorTest {

    static final TenantRegistry TENANTS = new TenantRegistry();
    final java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
            new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-11-30T10:00:00Z"));
    final ChannelAuthenticator authenticator = new ChannelAuthenticator(TENANTS, 5, java.time.Duration.ofMinutes(5),
            new java.time.Clock() {
                @Override
                public java.time.ZoneId getZone() {
                    return java.time.ZoneOffset.UTC;
                }

                @Override
                public java.time.Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public java.time.Instant instant() {
                    return now.get();
                }
            });

    @BeforeAll
    static void tenants() throws Exception {
        TENANTS.update("pid-1", "etc/dfsp1.cfg", tenant("dfsp1", "dfsp1-app", "secret-one"));
        TENANTS.update("pid-2", "etc/dfsp2.cfg", tenant("dfsp2", "dfsp2-app", "secret-two"));
    }

    static Map<String, Object> tenant(String name, String clientId, String secret) {
        Map<String, Object> config = TestTenantConfigs.valid(name, name);
        config.put("channel.clientId", clientId);
        config.put("channel.secret", secret);
        return config;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aChannelWithItsTenantsCredentialsActsForThatTenant() {
        assertThat(authenticator.authenticate("dfsp1", basic("dfsp1-app", "secret-one")).name()).isEqualTo("dfsp1");
        assertThat(authenticator.authenticate(" dfsp2 ", basic("dfsp2-app", "secret-two")).fspId()).isEqualTo("dfsp2");
    }

    @Test
    void oneTenantsCredentialsNeverOpenAnother() {
        assertThatThrownBy(() -> authenticator.authenticate("dfsp2", basic("dfsp1-app", "secret-one")))
                .isInstanceOfSatisfying(ChannelException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("UNAUTHENTICATED");
                });
    }

    @Test
    void anUnknownTenantAndWrongCredentialsLookTheSame() {
        ChannelException unknown = catchChannel(() -> authenticator.authenticate("nobody", basic("dfsp1-app", "secret-one")));
        ChannelException wrong = catchChannel(() -> authenticator.authenticate("dfsp1", basic("dfsp1-app", "guess")));
        ChannelException none = catchChannel(() -> authenticator.authenticate("dfsp1", null));
        ChannelException garbled = catchChannel(() -> authenticator.authenticate("dfsp1", "Basic %%%not-base64"));

        assertThat(unknown.toJson()).isEqualTo(wrong.toJson()).isEqualTo(none.toJson()).isEqualTo(garbled.toJson());
        assertThat(unknown.toJson()).doesNotContain("secret-one", "guess");
    }

    @Test
    void theSecretIsKeptOnlyAsASaltedSlowHash() {
        var credentials = TENANTS.byName("dfsp1").orElseThrow().channel();

        assertThat(credentials.secretHash()).startsWith("pbkdf2-sha256$310000$").doesNotContain("secret-one");
        assertThat(io.paymenthub.core.tenant.SecretHash.hash("secret-one")).as("salted: never the same twice")
                .isNotEqualTo(io.paymenthub.core.tenant.SecretHash.hash("secret-one"));
        assertThat(credentials.toString()).doesNotContain(credentials.secretHash());
    }

    @Test
    void aClientThatGuessesWrongFiveTimesIsLockedOutEvenWithTheRightSecretUntilTheLockoutEnds() {
        for (int i = 0; i < 10; i++) {
            catchChannel(() -> authenticator.authenticate("dfsp1", basic("made-up-" + java.util.UUID.randomUUID(), "guess")));
        }
        assertThat(authenticator.authenticate("dfsp1", basic("dfsp1-app", "secret-one")).name())
                .as("made-up client ids lock nobody out").isEqualTo("dfsp1");
        for (int i = 0; i < 5; i++) {
            assertThat(catchChannel(() -> authenticator.authenticate("dfsp2", basic("dfsp2-app", "guess"))).httpStatus()).isEqualTo(401);
        }

        ChannelException locked = catchChannel(() -> authenticator.authenticate("dfsp2", basic("dfsp2-app", "secret-two")));
        assertThat(locked.httpStatus()).isEqualTo(429);
        assertThat(locked.code()).isEqualTo("TOO_MANY_FAILED_LOGINS");
        assertThat(authenticator.authenticate("dfsp1", basic("dfsp1-app", "secret-one")).name()).as("other clients go on").isEqualTo("dfsp1");

        now.set(now.get().plus(java.time.Duration.ofMinutes(5)));
        assertThat(authenticator.authenticate("dfsp2", basic("dfsp2-app", "secret-two")).name()).isEqualTo("dfsp2");
    }

    @Test
    void theTenantHeaderIsRequired() {
        assertThat(catchChannel(() -> authenticator.authenticate(null, basic("dfsp1-app", "secret-one"))).httpStatus()).isEqualTo(400);
    }

    private static ChannelException catchChannel(Runnable call) {
        try {
            call.run();
        } catch (ChannelException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }
}
