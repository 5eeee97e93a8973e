package io.paymenthub.connector.mojaloop.switchtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.paymenthub.connector.mojaloop.security.FspiopTls;
import io.paymenthub.connector.mojaloop.settlement.MojaloopSettlementApi;
import io.paymenthub.connector.mojaloop.outbound.FspiopOutboundRouteBuilder;
import io.paymenthub.connector.mojaloop.outbound.SwitchEndpoints;
import io.paymenthub.connector.mojaloop.security.TestKeys;
import io.paymenthub.connector.mojaloop.switchtest.TestingToolkit.SettlementAnswer;
import io.paymenthub.core.settlement.SettlementWindow;
import io.paymenthub.core.settlement.SwitchSettlementException;
import io.paymenthub.core.settlement.WindowPosition;

/**
 * The switch's settlement API read through the connector, with the Testing Toolkit serving central
 * settlement v1 from fixed answers: windows closed in a period (open ones and those closed outside
 * it left out), a participant's net amounts read as exact decimals, the settlement that was not
 * aborted chosen, nothing found as nothing, an error as an error.
 */
class SettlementApiIT extends CamelTestSupport {

    static TestingToolkit toolkit;

    @BeforeAll
    static void startSwitch() throws Exception {
        toolkit = TestingToolkit.start("switch", "http://127.0.0.1:1");
    }

    @AfterAll
    static void stopSwitch() throws Exception {
        if (toolkit != null) {
            toolkit.close();
        }
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("fspiop.retry.maximumRedeliveries", "1");
        properties.put("fspiop.retry.delayMillis", "10");
        return properties;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new FspiopOutboundRouteBuilder(switchAt(toolkit.fspiopUrl()), TestKeys.signingAs("dfsp1"), FspiopTls.off());
    }

    /** The switch at one address, its settlement API at another (here the same Toolkit, under its own name). */
    private static SwitchEndpoints switchAt(String settlementUrl) {
        return new SwitchEndpoints("http://127.0.0.1:2", Map.of(), "1.1", settlementUrl);
    }

    @Test
    void closedWindowsOfThePeriodAndTheParticipantsNetPerCurrency() throws Exception {
        toolkit.answerSettlementApi(List.of(
                new SettlementAnswer("/settlementWindows", Map.of("participantId", "7"), 200, """
                        [{"id": 40, "state": "SETTLED", "reason": "yesterday", "createdDate": "2026-11-29T00:00:00.000Z",
                          "changedDate": "2026-11-29T23:59:59.000Z"},
                         {"id": 41, "state": "PENDING_SETTLEMENT", "reason": "eod", "createdDate": "2026-11-29T23:59:59.000Z",
                          "changedDate": "2026-11-30T17:00:00.000Z"},
                         {"settlementWindowId": 42, "state": "CLOSED", "reason": "eod", "createdDate": "2026-11-30T17:00:00Z",
                          "changedDate": "2026-11-30T20:00:00Z"},
                         {"id": 43, "state": "OPEN", "createdDate": "2026-11-30T20:00:00.000Z", "changedDate": "2026-11-30T20:00:00.000Z"}]
                        """),
                new SettlementAnswer("/settlements", Map.of("settlementWindowId", "41", "participantId", "7"), 200, """
                        [{"id": 5, "state": "ABORTED", "participants": [{"id": 7, "accounts": [{"id": 71, "state": "ABORTED",
                           "netSettlementAmount": {"amount": 1, "currency": "USD"}}]}]},
                         {"id": 6, "state": "PS_TRANSFERS_RECORDED", "participants": [
                           {"id": 8, "accounts": [{"id": 81, "netSettlementAmount": {"amount": -1234567.8912, "currency": "USD"}}]},
                           {"id": 7, "accounts": [{"id": 71, "state": "PS_TRANSFERS_RECORDED",
                             "netSettlementAmount": {"amount": 1234567.8912, "currency": "USD"}},
                            {"id": 72, "netSettlementAmount": {"amount": -0.1, "currency": "TZS"}}]}]}]
                        """),
                new SettlementAnswer("/settlements", Map.of("settlementWindowId", "42", "participantId", "7"), 404, """
                        {"errorInformation": {"errorCode": "3100", "errorDescription": "No settlements found"}}
                        """),
                new SettlementAnswer("/settlements", Map.of("settlementWindowId", "99", "participantId", "7"), 500, """
                        {"errorInformation": {"errorCode": "2001", "errorDescription": "Internal server error"}}
                        """)));
        MojaloopSettlementApi api = new MojaloopSettlementApi(context, switchAt(toolkit.fspiopUrl()));

        List<SettlementWindow> windows = api.closedWindows("7", Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));

        assertThat(windows).extracting(SettlementWindow::id, SettlementWindow::state, SettlementWindow::openedAt, SettlementWindow::closedAt)
                .containsExactly(
                        tuple(41L, "PENDING_SETTLEMENT", Instant.parse("2026-11-29T23:59:59Z"), Instant.parse("2026-11-30T17:00:00Z")),
                        tuple(42L, "CLOSED", Instant.parse("2026-11-30T17:00:00Z"), Instant.parse("2026-11-30T20:00:00Z")));
        assertThat(api.positions("7", 41)).extracting(WindowPosition::settlementId, WindowPosition::settlementState, WindowPosition::currency,
                p -> p.netAmount().toPlainString()).containsExactly(
                        tuple(6L, "PS_TRANSFERS_RECORDED", "USD", "1234567.8912"),
                        tuple(6L, "PS_TRANSFERS_RECORDED", "TZS", "-0.1"));
        assertThat(api.positions("7", 42)).as("a window not settled yet").isEmpty();
        assertThatThrownBy(() -> api.positions("7", 99)).isInstanceOf(SwitchSettlementException.class)
                .hasMessageContaining("500", "Internal server error");
    }

    @Test
    void aSwitchThatDoesNotAnswerIsAnError() {
        MojaloopSettlementApi api = new MojaloopSettlementApi(context, switchAt("http://127.0.0.1:1"));

        assertThatThrownBy(() -> api.closedWindows("7", Instant.EPOCH, Instant.now())).isInstanceOf(SwitchSettlementException.class)
                .hasMessageContaining("did not answer");
    }
}
