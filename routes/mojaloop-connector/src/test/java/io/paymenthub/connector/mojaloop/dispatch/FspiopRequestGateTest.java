package io.paymenthub.connector.mojaloop.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.paymenthub.connector.mojaloop.FspiopSamples;
import io.paymenthub.connector.mojaloop.inbound.InboundMessage;
import io.paymenthub.connector.mojaloop.outbound.OutboundMessage;
import io.paymenthub.core.schema.SchemaMigrator;
import io.paymenthub.core.step.Emit;

/**
 * FSPIOP idempotency where the flows take the switch's requests: a new request is admitted once, a
 * repeat in progress is dropped (unless it is the stored message delivered again), a repeat of an
 * answered one gets the recorded callback again, a repeat with other content gets 3106.
 */
class FspiopRequestGateTest {

    static FspiopRequestJournal journal;
    static FspiopRequestGate gate;
    static final DefaultCamelContext CONTEXT = new DefaultCamelContext();

    @BeforeAll
    static void start() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:gate-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new SchemaMigrator(h2).migrate();
        journal = new FspiopRequestJournal(h2);
        gate = new FspiopRequestGate(journal);
    }

    /** As the inbound API hands it on: each accepted request with a receipt of its own. */
    private static Message fromSwitch(String method, String path, String body, String receipt) {
        Message message = new DefaultExchange(CONTEXT).getMessage();
        message.setHeader(InboundMessage.RECEIPT, receipt);
        message.setHeader(InboundMessage.METHOD, method);
        message.setHeader(InboundMessage.PATH, path);
        message.setHeader(InboundMessage.RESOURCE, path.split("/")[1]);
        message.setHeader(InboundMessage.VERSION, "1.0");
        message.setHeader(InboundMessage.TENANT, "dfsp2");
        message.setHeader(InboundMessage.SOURCE, "payerfsp");
        message.setHeader(InboundMessage.DESTINATION, "payeefsp");
        message.setBody(body);
        return message;
    }

    private static Message fromSwitch(String method, String path, String body) {
        return fromSwitch(method, path, body, UUID.randomUUID().toString());
    }

    private static String quote(String quoteId, String amount) {
        return FspiopSamples.quoteRequest(amount).replace(FspiopSamples.QUOTE_ID, quoteId);
    }

    /**
     * The registration in the database the hub runs on in production: a new id is registered by one
     * statement, a repeat inserts nothing (no error in PostgreSQL's log) and reads what was recorded.
     */
    @Test
    void aRegistrationOnPostgreSqlTellsNewInProgressAnsweredAndModified() throws Exception {
        javax.sql.DataSource postgres = io.paymenthub.core.schema.TestDatabases.postgres();
        new SchemaMigrator(postgres).migrate();
        FspiopRequestJournal onPostgres = new FspiopRequestJournal(postgres);
        String quoteId = UUID.randomUUID().toString();

        FspiopRequestJournal.Registration first = onPostgres.register("dfsp2", "quotes", quoteId, "hash", "1.1", "payerfsp", "r1");
        FspiopRequestJournal.Registration again = onPostgres.register("dfsp2", "quotes", quoteId, "hash", "1.1", "payerfsp", "r2");
        onPostgres.recordAnswer("dfsp2", "quotes", quoteId, "PUT", "/quotes/" + quoteId, "{}");
        FspiopRequestJournal.Registration answered = onPostgres.register("dfsp2", "quotes", quoteId, "hash", "1.1", "payerfsp", "r3");
        FspiopRequestJournal.Registration modified = onPostgres.register("dfsp2", "quotes", quoteId, "other", "1.1", "payerfsp", "r4");

        assertThat(first.disposition()).isEqualTo(FspiopRequestJournal.Disposition.NEW);
        assertThat(again.disposition()).isEqualTo(FspiopRequestJournal.Disposition.IN_PROGRESS);
        assertThat(again.registeredBy("r1")).as("the first delivery's receipt kept").isTrue();
        assertThat(again.receivedAt()).isEqualTo(first.receivedAt());
        assertThat(answered.disposition()).isEqualTo(FspiopRequestJournal.Disposition.ANSWERED);
        assertThat(answered.callbackBody()).isEqualTo("{}");
        assertThat(modified.disposition()).isEqualTo(FspiopRequestJournal.Disposition.MODIFIED);
    }

    @Test
    void aNewQuoteIsAdmittedOnceAndARepeatInProgressIsDropped() throws Exception {
        String body = quote(UUID.randomUUID().toString(), "10");

        FspiopRequestGate.Passage first = gate.pass(fromSwitch("POST", "/quotes", body));
        FspiopRequestGate.Passage repeat = gate.pass(fromSwitch("POST", "/quotes", body));

        assertThat(first.admitted()).isTrue();
        assertThat(repeat.admitted()).as("the repeat, still in progress, is not processed again").isFalse();
        assertThat(repeat.instead()).as("and gets no answer of its own: the first one's follows").isEmpty();
    }

    /**
     * The first delivery failed and waits for its redelivery (or died with a node): a resend that
     * finds the request still unanswered after the take-over time is processed, with the first
     * registration's time, so that the flow answers it as it would have answered the first.
     */
    @Test
    void aResendOfARequestUnansweredPastTheTakeOverTimeIsAdmittedWithItsFirstRegistrationTime() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:gate-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new SchemaMigrator(h2).migrate();
        java.time.Instant firstCame = java.time.Instant.now().minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        FspiopRequestGate earlier = new FspiopRequestGate(new FspiopRequestJournal(h2,
                java.time.Clock.fixed(firstCame, java.time.ZoneOffset.UTC)), 3000);
        FspiopRequestGate now = new FspiopRequestGate(new FspiopRequestJournal(h2), 3000);
        FspiopRequestGate never = new FspiopRequestGate(new FspiopRequestJournal(h2));
        String stale = quote(UUID.randomUUID().toString(), "10");
        Message first = fromSwitch("POST", "/quotes", stale);
        assertThat(earlier.pass(first).admitted()).isTrue();
        assertThat(first.getHeader(FspiopRequestGate.REGISTERED_AT)).isEqualTo(firstCame);

        assertThat(never.pass(fromSwitch("POST", "/quotes", stale)).admitted()).as("without a take-over time: dropped").isFalse();
        Message resend = fromSwitch("POST", "/quotes", stale);
        assertThat(now.pass(resend).admitted()).as("unanswered 10 s after it came: taken over").isTrue();
        assertThat(resend.getHeader(FspiopRequestGate.REGISTERED_AT)).as("the first registration's time").isEqualTo(firstCame);

        String fresh = quote(UUID.randomUUID().toString(), "10");
        assertThat(now.pass(fromSwitch("POST", "/quotes", fresh)).admitted()).isTrue();
        assertThat(now.pass(fromSwitch("POST", "/quotes", fresh)).admitted()).as("in progress for less than 3 s: dropped").isFalse();
    }

    @Test
    void theStoredRequestDeliveredAgainIsAdmittedEvenWhenNotFlaggedRedelivered() throws Exception {
        String body = quote(UUID.randomUUID().toString(), "10");
        String receipt = UUID.randomUUID().toString();
        gate.pass(fromSwitch("POST", "/quotes", body, receipt));

        // The hub died after registering the request and before it answered; the broker, restarted, delivers it as new.
        FspiopRequestGate.Passage again = gate.pass(fromSwitch("POST", "/quotes", body, receipt));
        Message redelivered = fromSwitch("POST", "/quotes", body);
        redelivered.setHeader("JMSRedelivered", true);

        assertThat(again.admitted()).isTrue();
        assertThat(gate.pass(redelivered).admitted()).as("a message the broker flags redelivered").isTrue();
    }

    @Test
    void aRepeatOfAnAnsweredQuoteGetsTheSameCallbackAgain() throws Exception {
        String quoteId = UUID.randomUUID().toString();
        String body = quote(quoteId, "10");
        gate.pass(fromSwitch("POST", "/quotes", body));
        String answer = "{\"transferAmount\":{\"amount\":\"10\",\"currency\":\"USD\"},\"expiration\":\"2030-01-01T00:00:00.000Z\","
                + "\"ilpPacket\":\"AYIB\",\"condition\":\"f5sqb7tBTWPd5Y8BDFdMm9BJR_MNI4isf8p8n4D5pHA\"}";
        journal.recordAnswer("dfsp2", "quotes", quoteId, "PUT", "/quotes/" + quoteId, answer);

        // The same content with its members in another order is the same request.
        FspiopRequestGate.Passage repeat = gate.pass(fromSwitch("POST", "/quotes",
                body.replace("\"note\":\"lunch\",", "").replace("{\"quoteId\"", "{\"note\":\"lunch\",\"quoteId\"")));

        assertThat(repeat.admitted()).isFalse();
        assertThat(repeat.instead()).hasSize(1);
        Emit resent = repeat.instead().get(0);
        assertThat(resent.queue()).isEqualTo(OutboundMessage.QUEUE);
        assertThat(resent.headers()).containsEntry(OutboundMessage.METHOD, "PUT").containsEntry(OutboundMessage.PATH, "/quotes/" + quoteId)
                .containsEntry(OutboundMessage.DESTINATION, "payerfsp").containsEntry(OutboundMessage.VERSION, "1.0")
                .containsEntry(OutboundMessage.TENANT, "dfsp2")
                .as("sent again, not recorded again").doesNotContainKey(OutboundMessage.ANSWERS_ID);
        assertThat(resent.body()).isEqualTo(answer);
    }

    /** The answer to a bulk quote of 1,000 transfers (an ILP packet each: more than a megabyte) is kept whole for its repeats. */
    @Test
    void theAnswerToABulkQuoteOfAThousandTransfersIsKeptWhole() throws Exception {
        String bulkQuoteId = UUID.randomUUID().toString();
        String request = "{\"bulkQuoteId\":\"" + bulkQuoteId + "\",\"individualQuotes\":[]}";
        Message post = fromSwitch("POST", "/bulkQuotes", request);
        assertThat(gate.pass(post).admitted()).isTrue();
        String result = "{\"quoteId\":\"%s\",\"transferAmount\":{\"amount\":\"10\",\"currency\":\"USD\"},\"ilpPacket\":\""
                + "A".repeat(1100) + "\",\"condition\":\"f5sqb7tBTWPd5Y8BDFdMm9BJR_MNI4isf8p8n4D5pHA\"}";
        StringBuilder answer = new StringBuilder("{\"individualQuoteResults\":[");
        for (int i = 0; i < 1000; i++) {
            answer.append(i == 0 ? "" : ",").append(result.formatted(UUID.randomUUID()));
        }
        answer.append("],\"expiration\":\"2030-01-01T00:00:00.000Z\"}");

        journal.recordAnswer("dfsp2", "bulkQuotes", bulkQuoteId, "PUT", "/bulkQuotes/" + bulkQuoteId, answer.toString());

        assertThat(answer.length()).isGreaterThan(1_000_000);
        assertThat(journal.lookup("dfsp2", "bulkQuotes", bulkQuoteId).orElseThrow().callbackBody()).isEqualTo(answer.toString());
    }

    @Test
    void aRepeatWithOtherContentGetsError3106() throws Exception {
        String quoteId = UUID.randomUUID().toString();
        gate.pass(fromSwitch("POST", "/quotes", quote(quoteId, "10")));

        FspiopRequestGate.Passage modified = gate.pass(fromSwitch("POST", "/quotes", quote(quoteId, "11")));

        assertThat(modified.admitted()).isFalse();
        Emit error = modified.instead().get(0);
        assertThat(error.headers()).containsEntry(OutboundMessage.PATH, "/quotes/" + quoteId + "/error")
                .containsEntry(OutboundMessage.DESTINATION, "payerfsp");
        assertThat(error.body()).contains("\"errorCode\":\"3106\"");
    }

    @Test
    void aRequestWithoutAnIdOfItsOwnIsAlwaysAdmitted() throws Exception {
        assertThat(gate.pass(fromSwitch("GET", "/parties/MSISDN/255710000001", "")).admitted()).isTrue();
        assertThat(gate.pass(fromSwitch("GET", "/parties/MSISDN/255710000001", "")).admitted()).isTrue();
    }

    @Test
    void asAProcessorItLeavesWhatToSendInsteadAsTheBody() throws Exception {
        String quoteId = UUID.randomUUID().toString();
        DefaultExchange first = new DefaultExchange(CONTEXT);
        first.setIn(fromSwitch("POST", "/quotes", quote(quoteId, "10")));
        DefaultExchange modified = new DefaultExchange(CONTEXT);
        modified.setIn(fromSwitch("POST", "/quotes", quote(quoteId, "12")));

        gate.process(first);
        gate.process(modified);

        assertThat(FspiopRequestGate.IS_ADMITTED.matches(first)).isTrue();
        assertThat(first.getMessage().getBody(String.class)).contains(quoteId);
        assertThat(FspiopRequestGate.IS_ADMITTED.matches(modified)).isFalse();
        assertThat(modified.getMessage().getBody(java.util.List.class)).hasSize(1);
    }
}
