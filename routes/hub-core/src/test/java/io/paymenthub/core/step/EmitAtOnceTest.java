package io.paymenthub.core.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paymenthub.core.broker.TestBroker;

/** The Emits of a flow offered to an {@link AtOnce} first: those it takes never reach their queue, the others do. */
class EmitAtOnceTest extends CamelTestSupport {

    static TestBroker broker;
    /** Takes what goes to "switch.out" while it is up; refuses the rest. */
    static final List<Emit> TAKEN = new CopyOnWriteArrayList<>();
    static volatile boolean up;
    static final AtOnce SWITCH = (queue, headers, body) -> {
        if (!"switch.out".equals(queue)) {
            return false;
        }
        if (!up) {
            throw new IllegalStateException("the sender went away as it sent");
        }
        return TAKEN.add(new Emit(queue, headers, body));
    };

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TestBroker.start("emit-at-once");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @BeforeEach
    void reset() {
        TAKEN.clear();
        up = true;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("jms", JmsComponent.jmsComponent(broker.connectionFactory()));
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                Emit.sendEach(from("direct:emit"), List.of(SWITCH));
            }
        };
    }

    @Test
    void whatTheSenderTakesGoesAtOnceAndTheRestOnItsQueue() {
        Emit request = Emit.of("switch.out", Map.of("fspiopPath", "/quotes"));
        Emit step = Emit.of("flow.steps", Map.of("hubTransferId", "t-1"));

        template.sendBody("direct:emit", List.of(request, step));

        assertThat(TAKEN).containsExactly(request);
        Exchange stepSent = consumer.receive("jms:queue:flow.steps", 5_000);
        assertThat(stepSent).isNotNull();
        assertThat(stepSent.getMessage().getHeader("hubTransferId")).isEqualTo("t-1");
        assertThat(consumer.receiveNoWait("jms:queue:switch.out")).as("nothing on the taken one's queue").isNull();
    }

    @Test
    void aSenderThatFailsAsItSendsLeavesTheMessageToItsQueue() {
        up = false;

        template.sendBody("direct:emit", Emit.of("switch.out", Map.of("fspiopPath", "/transfers")));

        Exchange queued = consumer.receive("jms:queue:switch.out", 5_000);
        assertThat(queued).isNotNull();
        assertThat(queued.getMessage().getHeader("fspiopPath")).isEqualTo("/transfers");
        assertThat(TAKEN).isEmpty();
    }
}
