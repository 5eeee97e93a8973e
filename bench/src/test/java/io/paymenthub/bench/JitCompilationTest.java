package io.paymenthub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

class JitCompilationTest {

    @Test
    void aCompilerThreadsCpuIsReadFromItsStatLineAndOtherThreadsCountNothing() {
        String compiler = "4242 (C2 CompilerThre) S 4200 4200 4100 0 -1 1077936192 5 0 0 0 1234 56 0 0 20 0 30 0 991 0 0";
        String worker = "4243 (Camel (camel-1) t) S 4200 4200 4100 0 -1 1077936192 5 0 0 0 9999 99 0 0 20 0 30 0 991 0 0";
        assertThat(JitCompilation.compilerTicks(compiler)).isEqualTo(1290);
        assertThat(JitCompilation.compilerTicks(worker)).isZero();
    }

    @Test
    void warmingUpStopsAtTheFirstBatchInWhichTheCompilersWereAlmostIdle() throws Exception {
        // What the compilers use in each batch of load: 10 s, 5 s, none; a batch takes far less than a second here.
        Deque<Long> compiledInBatch = new ArrayDeque<>(List.of(10_000_000_000L, 5_000_000_000L, 0L, 0L));
        long[] total = {0};
        JitCompilation jit = new JitCompilation(() -> total[0]);
        int[] batches = {0};
        jit.settle(() -> {
            total[0] += compiledInBatch.removeFirst();
            batches[0]++;
        });
        assertThat(batches[0]).isEqualTo(3);
    }

    @Test
    void withoutSettlingTheWarmUpIsOneBatch() throws Exception {
        // Compilers that never settle: every reading 10 s of compiling more than the last.
        long[] total = {0};
        JitCompilation jit = new JitCompilation(() -> total[0] += 10_000_000_000L);
        int[] batches = {0};
        jit.warmUp(false, () -> batches[0]++);
        assertThat(batches[0]).isEqualTo(1);
    }
}
