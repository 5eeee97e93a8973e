package io.paymenthub.connector.mojaloop.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.paymenthub.connector.mojaloop.FspiopSamples;
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

    record Received(String method, String path, String source, String signature, String body) {
    }

    static HttpServer switchStub;
    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** 202 or another status the stub answers with; 0: it hangs up without an answer. */
    static volatile int status = 202;
    /** How long the stub takes to answer. */
    static volatile long answerAfterMillis;
    static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor();
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
        switchStub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        switchStub.createContext("/", exchange -> {
            RECEIVED.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("FSPIOP-Source"), exchange.getRequestHeaders().getFirst("FSPIOP-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            if (status == 0) {
                throw new IllegalStateException("the stub switch hangs up"); // the server closes the connection, no answer
            }
            int answer = status;
            if (answerAfterMillis > 0) {
                // A slow switch: the answer goes out later, from another thread, while the stub takes the next requests.
                LATER.schedule(() -> answer(exchange, answer), answerAfterMillis, TimeUnit.MILLISECONDS);
            } else {
                answer(exchange, answer);
            }
        });
        switchStub.start();
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

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int answer) {
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(answer, -1);
            out.flush();
        } catch (java.io.IOException e) {
            // the hub gave up waiting and closed the connection: as a real switch, nothing to do
        }
    }

    @AfterAll
    static void stopSwitch() {
        LATER.shutdownNow();
        switchStub.stop(0);
    }

    @BeforeEach
    void reset() {
        RECEIVED.clear();
        status = 202;
        answerAfterMillis = 0;
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
        String url = "http://127.0.0.1:" + switchStub.getAddress().getPort();
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

        assertThat(RECEIVED).singleElement().satisfies(received -> {
            assertThat(received.method()).isEqualTo("PUT");
            assertThat(received.path()).isEqualTo("/quotes/q-1");
            assertThat(received.source()).isEqualTo("payeefsp");
            assertThat(received.signature()).as("signed as the tenant's FSP").isNotBlank();
            assertThat(received.body()).isEqualTo(answer.body());
        });
        assertThat(answer.headers()).as("the caller's message, left as it was for the queue").containsEntry(OutboundMessage.PATH,
                "/quotes/q-1");
    }

    @Test
    void anAnswerTheSwitchDoesNotAnswerIsTriedOnceAndLeftToTheQueueWhichResendsIt() {
        status = 0;
        Emit answer = quoteAnswer("q-2");

        assertThat(sender(true).send(answer.queue(), answer.headers(), answer.body())).isFalse();
        assertThat(RECEIVED).as("no resend in the flow's consumer").hasSize(TRIES_A_SEND);

        RECEIVED.clear();
        template.send(FspiopOutboundRouteBuilder.ENDPOINT, exchange -> {
            exchange.getMessage().setHeaders(new java.util.HashMap<>(answer.headers()));
            exchange.getMessage().setBody(answer.body());
            reader.process(exchange);
        });
        assertThat(RECEIVED).as("through the queue's consumer: the first attempt and two resends").hasSize(3 * TRIES_A_SEND);
    }

    @Test
    void aSwitchSlowerThanTheShortWaitGetsTheMessageFromTheQueueWhichWaitsLonger() {
        answerAfterMillis = DirectSwitchSender.RESPONSE_TIMEOUT_MILLIS + 1000;
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
        status = 400;
        DirectSwitchSender sender = sender(true);
        for (int i = 0; i < 6; i++) {
            Emit answer = quoteAnswer("q-refused-" + i);
            assertThat(sender.send(answer.queue(), answer.headers(), answer.body())).isFalse();
        }

        assertThat(RECEIVED).as("each tried: a refusal is an answer").hasSize(6);
        assertThat(sender.state()).isEqualTo("CLOSED");
    }

    @Test
    void aSwitchThatDoesNotAnswerGetsEveryMessageThroughTheQueueForAWhile() {
        status = 0;
        DirectSwitchSender sender = sender(true);
        for (int i = 0; i < 4; i++) {
            Emit answer = quoteAnswer("q-away-" + i);
            assertThat(sender.send(answer.queue(), answer.headers(), answer.body())).isFalse();
        }
        assertThat(RECEIVED).hasSize(4 * TRIES_A_SEND);
        assertThat(sender.state()).isEqualTo("OPEN");

        status = 202;
        Emit next = quoteAnswer("q-next");
        assertThat(sender.send(next.queue(), next.headers(), next.body())).as("queued without trying").isFalse();
        assertThat(RECEIVED).hasSize(4 * TRIES_A_SEND);
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
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void switchedOffEveryMessageGoesThroughTheQueue() {
        Emit answer = quoteAnswer("q-off");

        assertThat(sender(false).send(answer.queue(), answer.headers(), answer.body())).isFalse();
        assertThat(RECEIVED).isEmpty();
    }
}
