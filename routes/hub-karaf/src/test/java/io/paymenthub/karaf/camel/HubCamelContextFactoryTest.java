package io.paymenthub.karaf.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The factory's own logic, with a plain context in place of the OSGi one (which needs a running framework). */
class HubCamelContextFactoryTest {

    /** A greeter bean that routes find by name. */
    public static class Greeter {
        public String greet(String name) {
            return "hello " + name;
        }
    }

    private final HubCamelContextFactory factory = new HubCamelContextFactory() {
        @Override
        protected CamelContext newContext() {
            return new DefaultCamelContext();
        }
    };
    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void startsANamedContextWithItsRoutesPropertiesComponentsAndBeans() throws Exception {
        factory.setName("payment-hub-test");
        factory.setProperties(Map.of("greeting.suffix", "!"));
        factory.setComponents(Map.of("inbound", new DirectComponent()));
        factory.setBeans(Map.of("greeter", new Greeter()));
        factory.setRouteBuilders(List.of(new RouteBuilder() {
            @Override
            public void configure() {
                from("inbound:greet").routeId("greet")
                        .bean("greeter", "greet")
                        .setBody(simple("${body}{{greeting.suffix}}"));
            }
        }));

        context = factory.start();

        assertThat(context.getName()).isEqualTo("payment-hub-test");
        assertThat(context.isStarted()).isTrue();
        assertThat(context.getRouteController().getRouteStatus("greet")).isEqualTo(ServiceStatus.Started);
        assertThat(context.createProducerTemplate().requestBody("inbound:greet", "dfsp1", String.class))
                .isEqualTo("hello dfsp1!");
    }

    @Test
    void everyStepLogsWithTheTenantAndTheTransferIdOfItsMessageAndLeavesNothingOnTheThread() throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        factory.setName("payment-hub-logs");
        factory.setRouteBuilders(List.of(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:step").routeId("payer-step")
                        .process(e -> seen.add(org.slf4j.MDC.get("tenant") + " " + org.slf4j.MDC.get("transferId") + " "
                                + org.slf4j.MDC.get("camel.routeId")))
                        .setHeader("payerTransferId", constant("t-2"))
                        .process(e -> seen.add(org.slf4j.MDC.get("tenant") + " " + org.slf4j.MDC.get("transferId")));
                from("direct:switch").routeId("fspiop-callback")
                        .process(e -> seen.add(org.slf4j.MDC.get("tenant") + " " + org.slf4j.MDC.get("transferId")));
            }
        }));
        context = factory.start();

        context.createProducerTemplate().sendBodyAndHeaders("direct:step", "", Map.of("hubTenant", "dfsp1", "payerTransferId", "t-1"));
        context.createProducerTemplate().sendBodyAndHeaders("direct:switch", "", Map.of("hubTenant", "dfsp2",
                "fspiopPath", "/transfers/b51ec534-ee48-4575-b6a9-ead2955b8069/error"));
        context.createProducerTemplate().sendBodyAndHeaders("direct:switch", "", Map.of("hubTenant", "dfsp2",
                "fspiopPath", "/transfers", "fspiopResourceId", "t-3"));
        context.createProducerTemplate().sendBody("direct:switch", "");

        assertThat(seen).containsExactly("dfsp1 t-1 payer-step", "dfsp1 t-2", "dfsp2 b51ec534-ee48-4575-b6a9-ead2955b8069", "dfsp2 t-3",
                "null null");
        assertThat(org.slf4j.MDC.get("tenant")).isNull();
        assertThat(org.slf4j.MDC.get("transferId")).isNull();
    }

    @Test
    void aContextWhoseRoutesCannotStartIsStoppedAndTheErrorRaised() {
        factory.setName("payment-hub-broken");
        factory.setRouteBuilders(List.of(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("needs-a-missing-property").to("log:{{missing.property}}");
            }
        }));

        assertThatThrownBy(factory::start).hasMessageContaining("missing.property");
    }

    @Test
    void aComponentStillBeingRegisteredIsWaitedFor() throws Exception {
        // As on a restart of Karaf: the component's bundle registers it only after the first attempts.
        AtomicInteger attempts = new AtomicInteger();
        HubCamelContextFactory restarting = new HubCamelContextFactory() {
            @Override
            protected CamelContext newContext() {
                DefaultCamelContext fresh = new DefaultCamelContext();
                if (attempts.incrementAndGet() >= 3) {
                    fresh.addComponent("late", new DirectComponent());
                }
                return fresh;
            }
        };
        restarting.setName("payment-hub-restarted");
        restarting.setResolverWaitMillis(10_000);
        restarting.setRouteBuilders(List.of(new RouteBuilder() {
            @Override
            public void configure() {
                from("late:in").routeId("late").setBody(constant("ok"));
            }
        }));

        context = restarting.start();

        assertThat(attempts).hasValue(3);
        assertThat(context.createProducerTemplate().requestBody("late:in", "x", String.class)).isEqualTo("ok");
    }

    @Test
    void aComponentThatNeverComesFailsTheStartAfterTheWait() {
        factory.setName("payment-hub-missing");
        factory.setResolverWaitMillis(1_000);
        factory.setRouteBuilders(List.of(new RouteBuilder() {
            @Override
            public void configure() {
                from("never:in").routeId("never").setBody(constant("ok"));
            }
        }));

        assertThatThrownBy(factory::start).hasMessageContaining("never");
    }

    @Test
    void refusesAContextWithoutAName() {
        assertThatThrownBy(factory::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a name");
    }

    @Test
    void theOsgiContextNeedsTheBundleContext() {
        HubCamelContextFactory osgi = new HubCamelContextFactory();
        osgi.setName("payment-hub-core");

        assertThatThrownBy(osgi::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bundleContext is required");
    }
}
