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
    final ChannelAuthenticator authenticator = new ChannelAuthenticator(TENANTS);

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
