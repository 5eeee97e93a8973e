package io.paymenthub.fineract.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.paymenthub.fineract.simulator.seed.Seed;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Parallel requests on one account: holds never exceed the balance, every deposit counts, a transferCode holds once. */
class ConcurrencyTest extends SimulatorTest {

    private static final int THREADS = 48;
    private ExecutorService pool;

    @BeforeEach
    void seedBusyTenant() {
        sim.admin().seedTenant(new Seed.TenantSeed("busy", null, null, null,
                List.of(new Seed.ProductSeed(1L, "Wallet USD", "WUSD", "USD", 2, true, new Seed.WithdrawalFeeSeed(new BigDecimal("0.50"), "FLAT"))),
                List.of(new Seed.ClientSeed(1L, "Busy", null, "Bee", null, null, null)),
                List.of(new Seed.AccountSeed(1L, "busy-1", 1L, 1L, "USD", new BigDecimal("1000.00"), true, null),
                        new Seed.AccountSeed(2L, "busy-2", 1L, 1L, "USD", BigDecimal.ZERO, false, null)),
                null));
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        sim.admin().removeTenant("busy");
    }

    @Test
    void parallelPreparesNeverOverdraw() throws Exception {
        SimulatorClient busy = SimulatorClient.fineract(sim, "busy");
        // 48 holds of 29.50 + 0.50 fee on 1000.00: exactly 33 fit (990.00).
        List<Integer> statuses = inParallel(i -> () -> busy.post("/interoperation/transfers?action=PREPARE",
                Bodies.transfer("t-" + i, "busy-1", "29.50", "USD", "PAYER", "0.50")).status());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(33);
        assertThat(statuses).filteredOn(s -> s == 403).hasSize(THREADS - 33);
        AccountSnapshot account = sim.admin().account("busy", "busy-1");
        assertThat(account.onHold()).isEqualByComparingTo("990.00");
        assertThat(account.availableBalance()).isEqualByComparingTo("10.00");
        assertThat(account.holds()).hasSize(33);
        assertThat(sim.admin().holds("busy")).hasSize(33);
    }

    @Test
    void parallelDepositsAllCount() throws Exception {
        SimulatorClient busy = SimulatorClient.fineract(sim, "busy");
        List<Integer> statuses = inParallel(i -> () -> busy.post("/interoperation/transfers?action=CREATE",
                Bodies.transfer("d-" + i, "busy-2", "1.25", "USD", "PAYEE", null)).status());
        assertThat(statuses).containsOnly(200);
        assertThat(sim.admin().account("busy", "busy-2").balance()).isEqualByComparingTo(new BigDecimal("1.25").multiply(BigDecimal.valueOf(THREADS)));
    }

    @Test
    void oneTransferCodeIsHeldOnceUnderContention() throws Exception {
        SimulatorClient busy = SimulatorClient.fineract(sim, "busy");
        List<Integer> statuses = inParallel(i -> () -> busy.post("/interoperation/transfers?action=PREPARE",
                Bodies.transfer("same", "busy-1", "10", "USD", "PAYER", null)).status());
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 403).hasSize(THREADS - 1);
        assertThat(sim.admin().account("busy", "busy-1").onHold()).isEqualByComparingTo("10");
    }

    @Test
    void parallelCommitsOfHeldTransfersDebitExactly() throws Exception {
        SimulatorClient busy = SimulatorClient.fineract(sim, "busy");
        for (int i = 0; i < 20; i++) {
            assertThat(busy.post("/interoperation/transfers?action=PREPARE", Bodies.transfer("c-" + i, "busy-1", "20", "USD", "PAYER", "0.50"))
                    .status()).isEqualTo(200);
        }
        List<Integer> statuses = inParallel(i -> () -> busy.post("/interoperation/transfers?action=CREATE",
                Bodies.transfer("c-" + (i % 20), "busy-1", "20", "USD", "PAYER", "0.50")).status());
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(20);
        AccountSnapshot account = sim.admin().account("busy", "busy-1");
        assertThat(account.balance()).isEqualByComparingTo("590.00");
        assertThat(account.onHold()).isZero();
    }

    /** Runs THREADS calls released together by one gate; returns their results in submission order. */
    private <T> List<T> inParallel(IntFunction<Callable<T>> call) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Callable<T> task = call.apply(i);
            futures.add(pool.submit(() -> {
                gate.await();
                return task.call();
            }));
        }
        gate.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(60, TimeUnit.SECONDS));
        }
        return results;
    }
}
