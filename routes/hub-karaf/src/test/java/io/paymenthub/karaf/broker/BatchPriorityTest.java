package io.paymenthub.karaf.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.jms.DeliveryMode;

import org.apache.activemq.broker.BrokerRegistry;
import org.apache.activemq.command.ActiveMQQueue;
import org.apache.activemq.pool.PooledConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.paymenthub.core.step.Emit;

/**
 * A batch's messages wait behind a single transfer's on the queue they share: the broker as the hub
 * runs it hands out higher priorities first, and the hub's connections take them first from what a
 * consumer has already prefetched. Without the second, a single transfer's step sent after a batch
 * released its items waits for every one of them.
 */
class BatchPriorityTest extends CamelTestSupport {

    private static final String BROKER = "priority-test";
    private static final int BATCH_ITEMS = 50;

    @TempDir
    static Path data;
    static EmbeddedBroker broker;
    /** As the hub's connections are made. */
    static PooledConnectionFactory hubConnections;
    /** The same, without ordering what a consumer prefetched by priority. */
    static PooledConnectionFactory inArrivalOrder;

    static final Map<String, List<String>> TAKEN = Map.of("hub.test.steps", new CopyOnWriteArrayList<>(),
            "hub.test.unordered", new CopyOnWriteArrayList<>());
    static final List<Integer> PRIORITIES = new CopyOnWriteArrayList<>();
    static final List<Integer> DELIVERY_MODES = new CopyOnWriteArrayList<>();
    static final CountDownLatch FIRST_TAKEN = new CountDownLatch(2);
    static final CountDownLatch GO_ON = new CountDownLatch(1);

    @BeforeAll
    static void start() throws Exception {
        broker = TestBrokers.start(BROKER, data);
        HubConnectionFactory builder = TestBrokers.connections(BROKER, 2, 100);
        hubConnections = builder.create();
        builder.setMessagePrioritySupported(false);
        inArrivalOrder = builder.create();
    }

    @AfterAll
    static void stop() throws Exception {
        hubConnections.stop();
        inArrivalOrder.stop();
        broker.stop();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("jms", HubJmsComponents.transacted(hubConnections));
        context.addComponent("jmsunordered", HubJmsComponents.transacted(inArrivalOrder));
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                Emit.sendEach(from("direct:emit").routeId("emit"));
                from("jms:queue:hub.test.steps?transacted=true&concurrentConsumers=1").routeId("steps").process(BatchPriorityTest::take);
                from("jmsunordered:queue:hub.test.unordered?transacted=true&concurrentConsumers=1").routeId("unordered")
                        .process(BatchPriorityTest::take);
            }
        };
    }

    /** Notes the message; the first one of each queue holds its consumer until the test has queued the rest. */
    private static void take(org.apache.camel.Exchange exchange) throws InterruptedException {
        List<String> taken = TAKEN.get(exchange.getMessage().getHeader(Emit.QUEUE_HEADER, String.class));
        taken.add(exchange.getMessage().getHeader("item", String.class));
        PRIORITIES.add(exchange.getMessage().getHeader("JMSPriority", Integer.class));
        DELIVERY_MODES.add(exchange.getMessage().getHeader("JMSDeliveryMode", Integer.class));
        if (taken.size() == 1) {
            FIRST_TAKEN.countDown();
            assertThat(GO_ON.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aSingleTransfersStepOvertakesTheBatchItemsPrefetchedBeforeIt() throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("steps").whenCompleted(BATCH_ITEMS + 2)
                .and().fromRoute("unordered").whenCompleted(BATCH_ITEMS + 2).create();
        for (String queue : TAKEN.keySet()) {
            template.sendBody("direct:emit", Emit.of(queue, Map.of("item", "batch-0")).inBackground());
        }
        assertThat(FIRST_TAKEN.await(20, TimeUnit.SECONDS)).as("each consumer busy with the batch's first item").isTrue();

        for (String queue : TAKEN.keySet()) {
            List<Emit> released = new ArrayList<>();
            for (int item = 1; item <= BATCH_ITEMS; item++) {
                released.add(Emit.of(queue, Map.of("item", "batch-" + item)).inBackground());
            }
            released.add(Emit.of(queue, Map.of("item", "single")));
            template.sendBody("direct:emit", released);
        }
        // Every message in the consumers' prefetch buffers, so that the order is the buffers' and not the broker's.
        awaitDispatched("hub.test.steps", BATCH_ITEMS + 2);
        awaitDispatched("hub.test.unordered", BATCH_ITEMS + 2);
        GO_ON.countDown();

        assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(TAKEN.get("hub.test.steps").get(1)).as("the next taken after the item in hand").isEqualTo("single");
        assertThat(TAKEN.get("hub.test.unordered").get(BATCH_ITEMS + 1)).as("in arrival order: behind the batch").isEqualTo("single");
        assertThat(PRIORITIES).containsOnly(Emit.BACKGROUND_PRIORITY, Emit.NORMAL_PRIORITY);
        assertThat(PRIORITIES.stream().filter(p -> p == Emit.NORMAL_PRIORITY)).hasSize(2);
        assertThat(DELIVERY_MODES).as("persistent, both priorities").containsOnly(DeliveryMode.PERSISTENT);
    }

    /** Waits until the broker has handed the queue's consumer {@code count} messages. */
    private static void awaitDispatched(String queue, long count) throws Exception {
        org.apache.activemq.broker.region.Destination destination = BrokerRegistry.getInstance().lookup(BROKER).getBroker()
                .getDestinationMap().get(new ActiveMQQueue(queue));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (destination.getDestinationStatistics().getDispatched().getCount() < count) {
            assertThat(System.nanoTime()).as("%s messages of %s dispatched within 20 s", count, queue).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
