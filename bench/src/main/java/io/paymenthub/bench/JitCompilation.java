package io.paymenthub.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The CPU a JVM's JIT compiler threads have used: read before and after a window, it tells whether
 * the window measured the code or its compilation. On two cores, the compilers took up to a core of
 * the hub's for the first minutes of load (Karaf, Camel, ActiveMQ, Jetty, TLS and the database's
 * driver are a great deal of hot code), so a window that starts before they settle reads a rate and
 * a CPU cost a pair that the hub does not have once it runs. Read from Linux's {@code /proc}: the
 * threads {@code C1 CompilerThre...} and {@code C2 CompilerThre...} of the process.
 */
final class JitCompilation {

    /** A warm-up batch in which the compilers used less than this share of one core ends the warm-up. */
    static final double SETTLED_CORES = 0.10;
    /** Warm-up batches run at most, settled or not. */
    static final int MOST_BATCHES = 20;

    /** Linux's clock ticks a second in {@code /proc}'s CPU times (USER_HZ). */
    private static final long TICKS_PER_SECOND = 100;

    private final LongSupplier compilingNanos;

    JitCompilation(LongSupplier compilingNanos) {
        this.compilingNanos = compilingNanos;
    }

    /** This JVM's compilers. */
    static JitCompilation ofThisJvm() {
        return of(ProcessHandle.current().pid());
    }

    /** The compilers of the JVM with that process id. */
    static JitCompilation of(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        return new JitCompilation(() -> {
            long ticks = 0;
            try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
                for (Path thread : threads) {
                    try {
                        ticks += compilerTicks(Files.readString(thread.resolve("stat")));
                    } catch (IOException gone) {
                        // the thread ended between the listing and the read: a compiler thread the JVM retired takes its time with it
                    }
                }
            } catch (IOException e) {
                return 0;
            }
            return ticks * (1_000_000_000L / TICKS_PER_SECOND);
        });
    }

    /** A thread's user and system ticks from its {@code stat} line, when it is a JIT compiler thread; otherwise 0. */
    static long compilerTicks(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return 0;
        }
        String name = stat.substring(open + 1, close);
        if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
            return 0;
        }
        // After the name: state (field 3), ..., utime (field 14), stime (field 15).
        String[] fields = stat.substring(close + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    long compilingNanos() {
        return compilingNanos.getAsLong();
    }

    /** A batch of load whose compiling is measured. */
    @FunctionalInterface
    interface Batch {
        void run() throws Exception;
    }

    /** The warm-up: {@link #settle} when {@code untilSettled}, otherwise the one batch. */
    void warmUp(boolean untilSettled, Batch batch) throws Exception {
        if (untilSettled) {
            settle(batch);
        } else {
            batch.run();
        }
    }

    /**
     * Runs warm-up batches until the compilers used less than {@link #SETTLED_CORES} of a core
     * during one of them, or {@link #MOST_BATCHES} have run; prints each batch's figure.
     */
    void settle(Batch batch) throws Exception {
        for (int i = 1; i <= MOST_BATCHES; i++) {
            long compiling = compilingNanos();
            long start = System.nanoTime();
            batch.run();
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            double cores = (compilingNanos() - compiling) / (double) wall.toNanos();
            System.out.printf("warm-up batch %d: %.1f s, the JIT compilers used %.2f cores%s%n", i, wall.toMillis() / 1e3, cores,
                    cores < SETTLED_CORES ? ": settled" : "");
            if (cores < SETTLED_CORES) {
                return;
            }
        }
        System.out.printf("the JIT compilers had not settled after %d warm-up batches: the figures below include compiling%n", MOST_BATCHES);
    }
}
