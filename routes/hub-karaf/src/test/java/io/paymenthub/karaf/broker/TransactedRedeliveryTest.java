package io.paymenthub.karaf.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.activemq.pool.PooledConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.paymenthub.core.step.Emit;
import io.paymenthub.core.step.StepRouteBuilder;

/**
 * A transacted route that fails is retried after the broker's back-off, not at once: the JMS
 * component as the hub configures it ({@link HubJmsComponents}) keeps the consumer, so the client's
 * redelivery policy applies. Otherwise a step that fails for a few seconds (a connector still
 * starting) would exhaust its attempts in milliseconds and land in the dead-letter queue.
 */
class TransactedRedeliveryTest extends CamelTestSupport {

    @TempDir
    static Path data;
    static EmbeddedBroker broker;
    static PooledConnectionFactory connectionFactory;
    /** The hub's factory with a long first back-off, so that what happens during it is beyond doubt. */
    static PooledConnectionFactory slowRetries;
    static final List<Long> ATTEMPTS = new CopyOnWriteArrayList<>();
    static final List<String> HANDLED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        broker = TestBrokers.start("redelivery-test", data);
        HubConnectionFactory builder = TestBrokers.connections("redelivery-test", 5, 300);
        connectionFactory = builder.create();
        builder.setInitialRedeliveryDelayMillis(10_000);
        builder.setMaximumRedeliveryDelayMillis(10_000);
        slowRetries = builder.create();
    }

    @AfterAll
    static void stop() throws Exception {
        connectionFactory.stop();
        slowRetries.stop();
        broker.stop();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("jms", HubJmsComponents.transacted(connectionFactory));
        context.addComponent("jmsslow", HubJmsComponents.transacted(slowRetries));
        return context;
    }

    @Override
    protected java.util.Properties useOverridePropertiesWithPropertiesComponent() {
        java.util.Properties properties = new java.util.Properties();
        properties.put("emitting.consumers", "1");
        return properties;
    }

    /** A flow on the step engine whose one step sends two messages; the second cannot be sent the first time. */
    static final class EmittingFlow extends StepRouteBuilder {
        static final AtomicInteger ATTEMPTS = new AtomicInteger();

        EmittingFlow() {
            super("emitting");
            input("step", "hub.test.emitting", exchange -> exchange.getMessage().setBody(List.of(
                    Emit.of("hub.test.emitted.first", Map.of("transfer", "t-3")),
                    // No queue name the first time: the JMS endpoint cannot be made, as a send can fail.
                    Emit.of(ATTEMPTS.getAndIncrement() == 0 ? "" : "hub.test.emitted.second", Map.of("transfer", "t-3")))));
        }
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new EmittingFlow(), routes()};
    }

    private static RoutesBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:hub.test.step?transacted=true&concurrentConsumers=2").routeId("failing-step")
                        .process(exchange -> {
                            ATTEMPTS.add(System.nanoTime());
                            if (ATTEMPTS.size() < 3) {
                                throw new IllegalStateException("connector not installed yet");
                            }
                        })
                        .to("jms:queue:hub.test.next");

                // One consumer, as many as the hub gives a queue per core: one tenant's failing message must not hold it.
                from("jmsslow:queue:hub.test.tenants?transacted=true&concurrentConsumers=1").routeId("one-consumer")
                        .process(exchange -> {
                            String body = exchange.getMessage().getBody(String.class);
                            HANDLED.add(body);
                            if (body.startsWith("tenant-a") && !exchange.getMessage().getHeader("JMSRedelivered", Boolean.class)) {
                                throw new IllegalStateException("tenant-a's core banking is unavailable");
                            }
                        });

                from("jms:queue:hub.test.handoff?transacted=true").routeId("failing-after-handoff")
                        .to("jms:queue:hub.test.handed")
                        .process(exchange -> {
                            if (!exchange.getMessage().getHeader("JMSRedelivered", Boolean.class)) {
                                throw new IllegalStateException("failed after handing on");
                            }
                        });
            }
        };
    }

    @Test
    void aFailedStepIsRetriedAfterTheBackOffAndThenGoesOn() throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("failing-step").whenCompleted(1).create();

        template.sendBody("jms:queue:hub.test.step", "transfer-1");

        assertThat(done.matches(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(ATTEMPTS).hasSize(3);
        assertThat((ATTEMPTS.get(1) - ATTEMPTS.get(0)) / 1_000_000).as("ms before the first retry").isGreaterThanOrEqualTo(250);
        assertThat((ATTEMPTS.get(2) - ATTEMPTS.get(1)) / 1_000_000).as("ms before the second retry").isGreaterThanOrEqualTo(250);
        assertThat(consumer.receiveBody("jms:queue:hub.test.next", 5000, String.class)).isEqualTo("transfer-1");
    }

    @Test
    void aMessageWaitingForItsRedeliveryDoesNotHoldBackTheMessagesBehindIt() throws Exception {
        NotifyBuilder failed = new NotifyBuilder(context).fromRoute("one-consumer").whenFailed(1).create();
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("one-consumer").whenCompleted(2).create();

        template.sendBody("jmsslow:queue:hub.test.tenants", "tenant-a transfer");
        assertThat(failed.matches(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        template.sendBody("jmsslow:queue:hub.test.tenants", "tenant-b transfer");

        assertThat(done.matches(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        // Blocking redelivery would stop the consumer for the 10 s back-off, then give tenant-a's message first.
        assertThat(HANDLED).containsExactly("tenant-a transfer", "tenant-b transfer", "tenant-a transfer");
    }

    @Test
    void aStepWhoseSecondMessageCouldNotBeSentIsRolledBackWithTheFirstAndRetried() throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("emitting-step").whenCompleted(1).create();

        template.sendBody("jms:queue:hub.test.emitting", "");

        assertThat(done.matches(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(consumer.receive("jms:queue:hub.test.emitted.second", 5000)).as("not lost").isNotNull();
        assertThat(EmittingFlow.ATTEMPTS).as("the step rolled back once, then run again").hasValue(2);
        assertThat(consumer.receive("jms:queue:hub.test.emitted.first", 5000)).isNotNull();
        assertThat(consumer.receive("jms:queue:hub.test.emitted.first", 1000)).as("sent once, not twice").isNull();
    }

    @Test
    void whatAFailedStepSentIsRolledBackWithIt() throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("failing-after-handoff").whenCompleted(1).create();

        template.sendBody("jms:queue:hub.test.handoff", "transfer-2");

        assertThat(done.matches(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(consumer.receiveBody("jms:queue:hub.test.handed", 5000, String.class)).isEqualTo("transfer-2");
        assertThat(consumer.receiveBody("jms:queue:hub.test.handed", 1000, String.class)).as("handed on once, not twice").isNull();
    }
}
