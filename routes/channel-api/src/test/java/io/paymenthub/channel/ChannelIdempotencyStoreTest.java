package io.paymenthub.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

import io.paymenthub.core.schema.SchemaMigrator;

/** Channel idempotency keys on H2 and on the machine's real PostgreSQL (a fresh schema each). */
class ChannelIdempotencyStoreTest {

    static Stream<Arguments> databases() throws Exception {
        return Stream.of(Arguments.of("H2", h2()), Arguments.of("PostgreSQL", postgres()));
    }

    static DataSource h2() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:channel-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new SchemaMigrator(dataSource).migrate();
        return dataSource;
    }

    static DataSource postgres() throws Exception {
        String schema = "hub_channel_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(System.getProperty("hub.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        dataSource.setUser(System.getProperty("hub.test.postgres.user", "postgres"));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (Exception e) {
                System.err.println("Could not drop " + schema + ": " + e.getMessage());
            }
        }));
        dataSource.setCurrentSchema(schema);
        new SchemaMigrator(dataSource).migrate();
        return dataSource;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRepeatGetsTheFirstResponseAndOtherContentIsRefused(String name, DataSource dataSource) throws Exception {
        ChannelIdempotencyStore store = new ChannelIdempotencyStore(dataSource);
        String key = "pay-" + UUID.randomUUID();
        String body = "{\"amount\":\"10.5\",\"currency\":\"USD\",\"payee\":{\"idType\":\"MSISDN\",\"idValue\":\"255710000001\"}}";

        assertThat(store.begin("dfsp1", key, "create-transfer", body)).isInstanceOf(ChannelIdempotencyStore.Outcome.Process.class);
        assertThat(store.begin("dfsp1", key, "create-transfer", body)).isInstanceOf(ChannelIdempotencyStore.Outcome.InProgress.class);

        store.complete("dfsp1", key, 202, "{\"transferId\":\"t-1\",\"state\":\"RECEIVED\"}");

        // The same body with its members in another order is the same request.
        String reordered = "{\"payee\":{\"idValue\":\"255710000001\",\"idType\":\"MSISDN\"},\"currency\":\"USD\",\"amount\":\"10.5\"}";
        assertThat(store.begin("dfsp1", key, "create-transfer", reordered))
                .isEqualTo(new ChannelIdempotencyStore.Outcome.Replay(202, "{\"transferId\":\"t-1\",\"state\":\"RECEIVED\"}"));
        assertThatThrownBy(() -> store.begin("dfsp1", key, "create-transfer", body.replace("10.5", "11")))
                .isInstanceOfSatisfying(ChannelException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("IDEMPOTENCY_CONFLICT");
                });
        assertThatThrownBy(() -> store.begin("dfsp1", key, "create-request-to-pay", body))
                .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.httpStatus()).isEqualTo(409));
        // Keys are per tenant: another tenant's key of the same name is another request.
        assertThat(store.begin("dfsp2", key, "create-transfer", body.replace("10.5", "11")))
                .isInstanceOf(ChannelIdempotencyStore.Outcome.Process.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aMissingOrOversizedKeyIsRefused(String name, DataSource dataSource) {
        ChannelIdempotencyStore store = new ChannelIdempotencyStore(dataSource);

        assertThatThrownBy(() -> store.begin("dfsp1", " ", "create-transfer", "{}"))
                .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
        assertThatThrownBy(() -> store.begin("dfsp1", "k".repeat(129), "create-transfer", "{}"))
                .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.code()).isEqualTo("IDEMPOTENCY_KEY_INVALID"));
    }
}
