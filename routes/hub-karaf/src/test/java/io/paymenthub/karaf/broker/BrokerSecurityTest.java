package io.paymenthub.karaf.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.paymenthub.core.broker.TestBroker;
import io.paymenthub.core.tenant.TenantRegistry;
import io.paymenthub.core.tenant.TestTenantConfigs;

/** Who may connect to the embedded broker, and to which destinations. */
class BrokerSecurityTest {

    static final TenantRegistry TENANTS = new TenantRegistry();
    static BrokerSecurity security;
    static TestBroker broker;
    /** The hub's own connection, open all along as its pool keeps one: the in-JVM transport lives while a client does. */
    static Connection hubConnection;

    @BeforeAll
    static void start() throws Exception {
        TENANTS.update("pid-1", "etc/dfsp1.cfg", TestTenantConfigs.valid("dfsp1", "dfsp1fsp"));
        security = new BrokerSecurity(List.of(TENANTS), "operator", "operator-password", 3, 300);
        broker = TestBroker.start("security-test", security, BrokerSecurity.HUB_USER, security.hubPassword());
        hubConnection = connect(BrokerSecurity.HUB_USER, security.hubPassword());
    }

    @AfterAll
    static void stop() throws Exception {
        hubConnection.close();
        broker.close();
    }

    private static Connection connect(String user, String password) throws Exception {
        Connection connection = new ActiveMQConnectionFactory(user, password, "vm://security-test?create=false").createConnection();
        connection.start();
        return connection;
    }

    @Test
    void strangersWrongSecretsAndTheHubsNameWithoutItsPasswordAreRefused() {
        assertRefused(null, null);
        assertRefused("mallory", "guess");
        assertRefused(BrokerSecurity.HUB_USER, "guess");
        assertRefused("dfsp1-channel", "guess");
    }

    /**
     * The broker answers the login with a security error and closes the connection; the client
     * reports the one or the other, whichever reaches it first ("Disposed due to prior exception").
     * Either way no connection is made.
     */
    private static void assertRefused(String user, String password) {
        assertThatThrownBy(() -> connect(user, password)).as("%s refused", user).isInstanceOf(jakarta.jms.JMSException.class)
                .satisfiesAnyOf(e -> assertThat(e).isInstanceOf(JMSSecurityException.class),
                        e -> assertThat(e).hasMessageContaining("Disposed due to prior exception"));
    }

    @Test
    void theHubAndTheOperatorUseEveryQueueAndTheBrokerStampsTheSendersUser() throws Exception {
        try (Connection hub = connect(BrokerSecurity.HUB_USER, security.hubPassword());
             Connection operator = connect("operator", "operator-password")) {
            Session session = operator.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("payer.steps.test")).send(session.createTextMessage("step"));
            MessageConsumer consumer = hub.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(session.createQueue("payer.steps.test"));
            Message received = consumer.receive(5000);
            assertThat(received).isNotNull();
            assertThat(received.getStringProperty("JMSXUserID")).isEqualTo("operator");
        }
    }

    @Test
    void aChannelSendsItsRequestsStampedWithItsUserAndTouchesNothingElse() throws Exception {
        try (Connection channel = connect("dfsp1-channel", "channel-secret-dfsp1");
             Connection hub = connect(BrokerSecurity.HUB_USER, security.hubPassword())) {
            Session session = channel.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // A property claiming another user changes nothing: the broker writes the connection's.
            jakarta.jms.TextMessage request = session.createTextMessage("{}");
            request.setStringProperty("JMSXUserID", "dfsp2-channel");
            session.createProducer(session.createQueue("channel.requests")).send(request);
            Message received = hub.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(session.createQueue("channel.requests"))
                    .receive(5000);
            assertThat(received.getStringProperty("JMSXUserID")).isEqualTo("dfsp1-channel");

            assertThat(session.createConsumer(session.createQueue("channel.notifications.dfsp1")).receive(100)).isNull();
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("channel.notifications.dfsp2")))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createProducer(session.createQueue("payer.steps")).send(session.createTextMessage("{}")))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("fspiop.inbound")))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }
}
