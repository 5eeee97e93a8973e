package io.paymenthub.console.transfer;

import java.util.List;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import io.paymenthub.core.step.Emit;

/** Sends the messages of a console action to the hub's broker, persistent, in one JMS transaction. */
public class JmsEmitSender implements TransferConsole.Sender {

    private final ConnectionFactory connectionFactory;

    public JmsEmitSender(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    @Override
    public void send(List<Emit> emits) throws Exception {
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            for (Emit emit : emits) {
                try (MessageProducer producer = session.createProducer(session.createQueue(emit.queue()))) {
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    TextMessage message = session.createTextMessage(emit.body());
                    for (Map.Entry<String, Object> header : emit.headers().entrySet()) {
                        message.setObjectProperty(header.getKey(), header.getValue());
                    }
                    producer.send(message);
                }
            }
            session.commit();
        }
    }
}
