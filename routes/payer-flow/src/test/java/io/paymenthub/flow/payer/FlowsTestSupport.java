package io.paymenthub.flow.payer;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

import io.paymenthub.connector.fineract.FineractAccountSystem;
import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.broker.TestBroker;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.schema.TestDatabases;
import io.paymenthub.core.tenant.TenantRegistry;
import io.paymenthub.fineract.simulator.FineractSimulator;
import io.paymenthub.fineract.simulator.seed.SeedLoader;

/**
 * What the flows' route tests stand on: the Fineract simulator with the lab's seed, a real broker
 * that redelivers a failed step after 50 ms (three times), the journal on the machine's PostgreSQL
 * (a fresh schema, migrated), and a CamelContext with the broker's {@code jms}, {@code http} and the
 * real Fineract connector. Its flows' waits are short, so that a test of a silent peer ends in seconds;
 * a test adds its own flow's settings in {@link #flowProperties}.
 */
public abstract class FlowsTestSupport extends CamelTestSupport {

    protected static FineractSimulator fineract;
    protected static TestBroker broker;
    protected static DataSource postgres;
    protected static final TenantRegistry TENANTS = new TenantRegistry();
    protected static final List<AccountSystem> ACCOUNT_SYSTEMS = new ArrayList<>();

    @BeforeAll
    static void startPeers(TestInfo test) throws Exception {
        fineract = FineractSimulator.start(0, SeedLoader.labSeed());
        broker = TestBroker.start(test.getTestClass().map(Class::getSimpleName).orElse("flows-test")).redelivering(50, 3);
        postgres = TestDatabases.postgres();
        new SchemaMigrator(postgres).migrate();
    }

    @AfterAll
    static void stopPeers() throws Exception {
        broker.close();
        fineract.close();
    }

    @Override
    protected final Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("payee.consumers", "1");
        properties.put("payer.consumers", "2");
        properties.put("payer.deadlineCheckMillis", "200");
        properties.put("fineract.retry.maximumRedeliveries", "0");
        properties.put("fineract.stepTimeoutMillis", "10000");
        properties.put("fineract.retry.delayMillis", "10");
        flowProperties(properties);
        return properties;
    }

    /** The settings of the test's own flow (its consumers, its deadline check). */
    protected void flowProperties(Properties properties) {
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("jms", JmsComponent.jmsComponent(broker.connectionFactory()));
        context.addComponent("http", new HttpComponent());
        ACCOUNT_SYSTEMS.clear();
        ACCOUNT_SYSTEMS.add(new FineractAccountSystem(context, 1000));
        return context;
    }
}
