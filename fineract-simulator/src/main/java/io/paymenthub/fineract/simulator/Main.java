package io.paymenthub.fineract.simulator;

import io.paymenthub.fineract.simulator.ledger.InteropLookup;
import io.paymenthub.fineract.simulator.seed.Seed;
import io.paymenthub.fineract.simulator.seed.SeedLoader;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar fineract-simulator.jar [--port 9080] [--host 127.0.0.1] [--seed seed.json] [--interop-lookup scan|index]}:
 * runs until stopped. Without --seed it serves the bundled lab seed (tenants dfsp1 and dfsp2). {@code --interop-lookup
 * index} finds a transfer's interop bookings by its code instead of reading the account's history as Fineract does
 * (see {@link InteropLookup}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 9080;
        String host = FineractSimulator.DEFAULT_HOST;
        Seed seed = null;
        InteropLookup interopLookup = InteropLookup.SCAN;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, option));
                case "--host" -> host = value(args, ++i, option);
                case "--seed" -> seed = SeedLoader.fromFile(Path.of(value(args, ++i, option)));
                case "--interop-lookup" -> interopLookup = InteropLookup.valueOf(value(args, ++i, option).toUpperCase(java.util.Locale.ROOT));
                case "--help", "-h" -> {
                    System.out.println("Usage: java -jar fineract-simulator.jar [--port 9080] [--host 127.0.0.1] [--seed seed.json] "
                            + "[--interop-lookup scan|index]");
                    return;
                }
                default -> throw new IllegalArgumentException("Unknown option " + option + " (try --help)");
            }
        }
        FineractSimulator simulator = FineractSimulator.start(host, port, seed != null ? seed : SeedLoader.labSeed(), interopLookup);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "fineract-simulator-shutdown"));
        System.out.println("Fineract simulator listening on " + simulator.baseUrl());
        stopped.await();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
