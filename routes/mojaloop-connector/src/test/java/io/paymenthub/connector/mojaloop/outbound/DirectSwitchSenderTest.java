package io.paymenthub.connector.mojaloop.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paymenthub.connector.mojaloop.FspiopSamples;
import io.paymenthub.connector.mojaloop.StubSwitch;
import io.paymenthub.connector.mojaloop.dispatch.FspiopCallbackRegistry;
import io.paymenthub.connector.mojaloop.dispatch.FspiopRequestJournal;
import io.paymenthub.connector.mojaloop.security.FspiopJws;
import io.paymenthub.connector.mojaloop.security.FspiopTls;
import io.paymenthub.connector.mojaloop.security.JwsKeys;
import io.paymenthub.connector.mojaloop.security.TestKeys;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.step.Emit;
import io.paymenthub.core.tenant.TenantRegistry;

/** An answer sent to the switch from the flow's consumer, as a stub switch receives it, and what is left to the queue. */
class DirectSwitchSenderTest extends CamelTestSupport {

    static StubSwitch switchStub;
    static final TenantRegistry TENANTS = new TenantRegistry();
    static OutboundQueueReader reader;
    static FspiopCallbackRegistry callbacks;
    static FspiopJws jws;
    /**
     * What one send costs a switch that hangs up: HttpClient makes an idempotent request (a PUT) once more by itself when its
     * connection closed without an answer, as a pooled connection the server closed does.
     */
    static final int TRIES_A_SEND = 2;

    @BeforeAll
    static void startSwitch() throws Exception {
        switchStub = StubSwitch.start();
        TENANTS.update("pid-1", "etc/dfsp2.cfg", FspiopSamples.tenantConfig("dfsp2", "payeefsp"));
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:at-once-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new SchemaMigrator(h2).migrate();
        callbacks = new FspiopCallbackRegistry(h2);
        reader = new OutboundQueueReader(TENANTS, new FspiopRequestJournal(h2), callbacks);
        java.nio.file.Path keys = java.nio.file.Files.createTempDirectory("jws-keys");
        TestKeys.write("payeefsp", keys, null);
        jws = new FspiopJws(new JwsKeys(keys.toString(), keys.toString()), true, true, false, false);
    }

    @AfterAll
    static void stopSwitch() {
        switchStub.close();
    }

    @BeforeEach
    void reset() {
        switchStub.reset();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("fspiop.retry.maximumRedeliveries", "2");
        properties.put("fspiop.retry.delayMillis", "10");
        return properties;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        String url = switchStub.url();
        return new FspiopOutboundRouteBuilder(new SwitchEndpoints(url, Map.of(), "1.1"), jws, FspiopTls.off());
    }

    private static Emit quoteAnswer(String quoteId) {
        return OutboundMessage.answer("dfsp2", "/quotes/" + quoteId, "quotes", "payerfsp", "1.0", null,
                "{\"transferAmount\":{\"amount\":\"10\",\"currency\":\"USD\"}}");
    }

    private DirectSwitchSender sender(boolean enabled) {
        return new DirectSwitchSender(context, reader, enabled);
    }

    @Test
    void anAnswerGoesToTheSwitchAtOnceSignedAsItsTenant() {
        Emit answer = quoteAnswer("q-1");

        assertThat(sender(true).send(answer.queue(), answer.headers(), answer.body())).isTrue();

        assertThat(switchStub.received()).singleElement().satisfies(received -> {
            assertThat(received.method()).isEqualTo("PUT");
            assertThat(received.path()).isEqualTo("/quotes/q-1");
            assertThat(received.header("FSPIOP-Source")).isEqualTo("payeefsp");
            assertThat(received.header("FSPIOP-Signature")).as("signed as the tenant's FSP").isNotBlank();
            assertThat(received.body()).isEqualTo(answer.body());
        });
        assertThat(answer.headers()).as("the caller's message, left as it was for the queue").containsEntry(OutboundMessage.PATH,
                "/quotes/q-1");
    }

    @Test
    void anAnswerTheSwitchDoesNotAnswerIsTriedOnceAndLeftToTheQueueWhichResendsIt() {
        switchStub.hangingUp();
        Emit answer = quoteAnswer("q-2");

        assertThat(sender(true).send(answer.queue(), answer.headers(), answer.body())).isFalse();
        assertThat(switchStub.received()).as("no resend in the flow's consumer").hasSize(TRIES_A_SEND);

        switchStub.received().clear();
        template.send(FspiopOutboundRouteBuilder.ENDPOINT, exchange -> {
            exchange.getMessage().setHeaders(new java.util.HashMap<>(answer.headers()));
            exchange.getMessage().setBody(answer.body());
            reader.process(exchange);
        });
        assertThat(switchStub.received()).as("through the queue's consumer: the first attempt and two resends").hasSize(3 * TRIES_A_SEND);
    }

    @Test
    void aSwitchSlowerThanTheShortWaitGetsTheMessageFromTheQueueWhichWaitsLonger() {
        switchStub.answeringAfter(DirectSwitchSender.RESPONSE_TIMEOUT_MILLIS + 1000);
        Emit answer = quoteAnswer("q-slow");

        assertThat(sender(true).send(answer.queue(), answer.headers(), answer.body())).as("given up after the short wait").isFalse();

        Exchange queued = template.send(FspiopOutboundRouteBuilder.ENDPOINT, exchange -> {
            exchange.getMessage().setHeaders(new java.util.HashMap<>(answer.headers()));
            exchange.getMessage().setBody(answer.body());
            reader.process(exchange);
        });
        assertThat(queued.getException()).as("the queue's consumer waits for the slow answer").isNull();
        assertThat(queued.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
    }

    @Test
    void aRefusalOfTheSwitchIsLeftToTheQueueWithoutCountingAgainstTheSwitch() {
        switchStub.answering(400, "");
        DirectSwitchSender sender = sender(true);
        for (int i = 0; i < 6; i++) {
            Emit answer = quoteAnswer("q-refused-" + i);
            assertThat(sender.send(answer.queue(), answer.headers(), answer.body())).isFalse();
        }

        assertThat(switchStub.received()).as("each tried: a refusal is an answer").hasSize(6);
        assertThat(sender.state()).isEqualTo("CLOSED");
    }

    @Test
    void aSwitchThatDoesNotAnswerGetsEveryMessageThroughTheQueueForAWhile() {
        switchStub.hangingUp();
        DirectSwitchSender sender = sender(true);
        for (int i = 0; i < 4; i++) {
            Emit answer = quoteAnswer("q-away-" + i);
            assertThat(sender.send(answer.queue(), answer.headers(), answer.body())).isFalse();
        }
        assertThat(switchStub.received()).hasSize(4 * TRIES_A_SEND);
        assertThat(sender.state()).isEqualTo("OPEN");

        switchStub.answering(202, "");
        Emit next = quoteAnswer("q-next");
        assertThat(sender.send(next.queue(), next.headers(), next.body())).as("queued without trying").isFalse();
        assertThat(switchStub.received()).hasSize(4 * TRIES_A_SEND);
    }

    @Test
    void theCallbackOfABatchsRequestIsExpectedAtItsRequestsPriority() throws Exception {
        Emit single = OutboundMessage.request("dfsp2", "GET", "/parties/MSISDN/255700000001", "parties", null, "payer.replies", "t-1", null);
        Emit ofABatch = OutboundMessage.request("dfsp2", "GET", "/parties/MSISDN/255700000002", "parties", null, "payer.replies", "t-2",
                null).inBackground();

        assertThat(sender(true).send(single.queue(), single.headers(), single.body())).isTrue();
        assertThat(sender(true).send(ofABatch.queue(), ofABatch.headers(), ofABatch.body())).isTrue();

        assertThat(callbacks.answered("dfsp2", "parties", "MSISDN/255700000001").orElseThrow().priority()).isEqualTo(Emit.NORMAL_PRIORITY);
        assertThat(callbacks.answered("dfsp2", "parties", "MSISDN/255700000002").orElseThrow())
                .isEqualTo(new FspiopCallbackRegistry.Waiting("payer.replies", "t-2", Emit.BACKGROUND_PRIORITY));
    }

    @Test
    void aMessageForAnotherQueueIsNotTaken() {
        Emit step = Emit.of("payer.steps", Map.of("hubTransferId", "t-1"));

        assertThat(sender(true).send(step.queue(), step.headers(), step.body())).isFalse();
        assertThat(switchStub.received()).isEmpty();
    }

    @Test
    void switchedOffEveryMessageGoesThroughTheQueue() {
        Emit answer = quoteAnswer("q-off");

        assertThat(sender(false).send(answer.queue(), answer.headers(), answer.body())).isFalse();
        assertThat(switchStub.received()).isEmpty();
    }
}
