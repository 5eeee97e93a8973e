package io.paymenthub.fineract.simulator;

import static io.paymenthub.fineract.simulator.Bodies.PAYEE2;
import static io.paymenthub.fineract.simulator.Bodies.PAYER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Idempotency-Key: a repeat replays the first answer, success or error, and does nothing. */
class IdempotencyTest extends SimulatorTest {

    @Test
    void aRepeatedCreateIsServedFromCacheAndCreditsOnce() {
        SimulatorClient keyed = api.header("Idempotency-Key", "0c762eaa-d551-4dc9-a6bb-4b0b2050d6ee");
        SimulatorClient.Answer first = keyed.post("/interoperation/transfers?action=CREATE", Bodies.payeeTransfer("t-1", PAYEE2, "119.83"));
        SimulatorClient.Answer second = keyed.post("/interoperation/transfers?action=CREATE", Bodies.payeeTransfer("t-1", PAYEE2, "119.83"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("x-served-from-cache")).isNull();
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("x-served-from-cache")).isEqualTo("true");
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(account(PAYEE2).balance()).isEqualByComparingTo("119.83");
        assertThat(account(PAYEE2).transactions()).hasSize(1);
    }

    @Test
    void anErrorIsReplayedTooEvenAfterTheCauseIsGone() {
        SimulatorClient keyed = api.header("Idempotency-Key", "k-error");
        SimulatorClient.Answer refused = keyed.post("/interoperation/transfers?action=PREPARE", Bodies.payerTransfer("t-1", "9000", null));
        assertThat(refused.status()).isEqualTo(403);

        assertThat(create(Bodies.payeeTransfer("t-topup", PAYER, "1000")).status()).isEqualTo(200);
        SimulatorClient.Answer replayed = keyed.post("/interoperation/transfers?action=PREPARE", Bodies.payerTransfer("t-1", "9000", null));
        assertThat(replayed.status()).isEqualTo(403);
        assertThat(replayed.header("x-served-from-cache")).isEqualTo("true");
        assertThat(replayed.text()).isEqualTo(refused.text());
        assertThat(account(PAYER).holds()).isEmpty();

        SimulatorClient.Answer fresh = api.header("Idempotency-Key", "k-other")
                .post("/interoperation/transfers?action=PREPARE", Bodies.payerTransfer("t-1", "9000", null));
        assertThat(fresh.status()).isEqualTo(200);
    }

    @Test
    void theKeyIsPerActionAndPerTenant() {
        SimulatorClient keyed = api.header("Idempotency-Key", "same");
        assertThat(keyed.post("/interoperation/transfers?action=PREPARE", Bodies.payerTransfer("t-1", "10", null)).status()).isEqualTo(200);
        SimulatorClient.Answer create = keyed.post("/interoperation/transfers?action=CREATE", Bodies.payerTransfer("t-1", "10", null));
        assertThat(create.status()).isEqualTo(200);
        assertThat(create.header("x-served-from-cache")).isNull();
        assertThat(account(PAYER).balance()).isEqualByComparingTo("8259.17");

        SimulatorClient.Answer otherTenant = tenant2.header("Idempotency-Key", "same")
                .post("/interoperation/transfers?action=CREATE", Bodies.transfer("t-1", "t2-plain", "1", "USD", "PAYEE", null));
        assertThat(otherTenant.status()).isEqualTo(200);
        assertThat(otherTenant.header("x-served-from-cache")).isNull();
    }

    @Test
    void aMissingActionIsNotRecorded() {
        SimulatorClient keyed = api.header("Idempotency-Key", "k-action");
        assertThat(keyed.post("/interoperation/transfers", Bodies.payerTransfer("t-1", "10", null)).status()).isEqualTo(400);
        SimulatorClient.Answer prepared = keyed.post("/interoperation/transfers?action=PREPARE", Bodies.payerTransfer("t-1", "10", null));
        assertThat(prepared.status()).isEqualTo(200);
        assertThat(prepared.header("x-served-from-cache")).isNull();
    }

    @Test
    void partiesQuotesAndSavingsCommandsHonourTheKeyAndAResetForgetsIt() {
        SimulatorClient keyed = api.header("Idempotency-Key", "k-party");
        assertThat(keyed.post("/interoperation/parties/MSISDN/1", Bodies.party(PAYER)).status()).isEqualTo(200);
        SimulatorClient.Answer again = keyed.post("/interoperation/parties/MSISDN/1", Bodies.party(PAYER));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("x-served-from-cache")).isEqualTo("true");

        SimulatorClient depositKey = api.header("Idempotency-Key", "k-deposit");
        String deposit = "{\"transactionDate\":\"" + LocalDate.now(ZoneOffset.UTC)
                + "\",\"dateFormat\":\"yyyy-MM-dd\",\"locale\":\"en\",\"transactionAmount\":5,\"paymentTypeId\":1}";
        assertThat(depositKey.post("/savingsaccounts/32/transactions?command=deposit", deposit).status()).isEqualTo(200);
        assertThat(depositKey.post("/savingsaccounts/32/transactions?command=deposit", deposit).header("x-served-from-cache"))
                .isEqualTo("true");
        assertThat(account(PAYEE2).balance()).isEqualByComparingTo("5");

        sim.admin().resetTenant("default");
        SimulatorClient.Answer afterReset = depositKey.post("/savingsaccounts/32/transactions?command=deposit", deposit);
        assertThat(afterReset.header("x-served-from-cache")).isNull();
        assertThat(account(PAYEE2).balance()).isEqualByComparingTo("5");
    }
}
