package io.paymenthub.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParallelPartsTest {

    private CamelContext context;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void partsRunAtOnceAndTheirResultsComeBackInTheInputsOrder() throws Exception {
        // The first part ends only after the last has started: one after another, this would never end.
        CountDownLatch lastStarted = new CountDownLatch(1);
        ParallelParts parts = new ParallelParts("test-parts", 4);

        List<String> results = parts.map(context, List.of(1, 2, 3, 4), n -> {
            if (n == 4) {
                lastStarted.countDown();
            } else if (!lastStarted.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the parts ran one after another");
            }
            return "part " + n;
        });

        assertThat(results).containsExactly("part 1", "part 2", "part 3", "part 4");
    }

    @Test
    void noMoreThanTheParallelismRunAtOnceAcrossMessages() throws Exception {
        ParallelParts parts = new ParallelParts("test-parts", 3);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ParallelParts.Part<Integer, Integer> part = n -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            // Each part stays until three run together (or, for the last ones, a while): any more would show.
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (running.get() < 3 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            running.decrementAndGet();
            return n;
        };
        Thread other = new Thread(() -> {
            try {
                parts.map(context, List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), part);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        other.start();
        assertThat(parts.map(context, List.of(11, 12, 13, 14, 15, 16, 17, 18, 19, 20), part)).hasSize(10);
        other.join();

        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    void aFailedPartFailsTheWholeOnlyOnceThePartsStartedHaveEnded() {
        ParallelParts parts = new ParallelParts("test-parts", 2);
        CountDownLatch slowPartStarted = new CountDownLatch(1);
        CountDownLatch failing = new CountDownLatch(1);
        AtomicBoolean slowPartEnded = new AtomicBoolean();

        assertThatThrownBy(() -> parts.map(context, List.of(1, 2, 3, 4), n -> {
            if (n == 1) {
                // Still at work when part 2 fails: the whole must wait for it.
                slowPartStarted.countDown();
                failing.await(10, TimeUnit.SECONDS);
                slowPartEnded.set(true);
                return n;
            }
            if (n == 2) {
                // Fails once part 1 is under way (a part not yet started when another fails is skipped).
                slowPartStarted.await(10, TimeUnit.SECONDS);
                failing.countDown();
                throw new IOException("core banking unreachable");
            }
            return n;
        })).isInstanceOf(IOException.class).hasMessage("core banking unreachable");

        assertThat(slowPartEnded).as("the part started before the failure ended first").isTrue();
    }

    @Test
    void afterAFailureThePartsNotStartedAreNotStarted() {
        ParallelParts parts = new ParallelParts("test-parts", 2);
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        List<Integer> many = java.util.stream.IntStream.rangeClosed(1, 100_000).boxed().toList();

        assertThatThrownBy(() -> parts.map(context, many, n -> {
            ran.add(n);
            if (n == 1) {
                throw new IOException("core banking unreachable");
            }
            return n;
        })).isInstanceOf(IOException.class);

        // The other thread may take some before the failure is recorded (more if the failing thread is paused);
        // one after another, all 100,000 would run.
        assertThat(ran.size()).isLessThan(50_000);
    }

    @Test
    void onePartAtATimeRunsOnTheMessagesOwnThread() throws Exception {
        Thread caller = Thread.currentThread();

        List<Boolean> onCaller = new ParallelParts("test-parts", 1).map(context, List.of(1, 2, 3), n -> Thread.currentThread() == caller);

        assertThat(onCaller).containsExactly(true, true, true);
    }
}
