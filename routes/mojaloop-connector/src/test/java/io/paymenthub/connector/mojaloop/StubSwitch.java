package io.paymenthub.connector.mojaloop;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A switch for the connector's tests: it notes every request the hub sends and answers each with
 * the status and body a test sets (202 and nothing unless told), later when a test makes it slow,
 * or not at all, hanging up, when a test makes it do so.
 */
public final class StubSwitch implements AutoCloseable {

    /** A request as the switch received it. */
    public record Received(String method, String path, Headers headers, String body) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "stub-switch-later");
        thread.setDaemon(true);
        return thread;
    });
    /** The status it answers with; 0: it hangs up without an answer. */
    private volatile int status = 202;
    private volatile String answer = "";
    private volatile long answerAfterMillis;

    private StubSwitch(HttpServer server) {
        this.server = server;
    }

    /** A switch on a free port of the loopback interface. */
    public static StubSwitch start() throws IOException {
        StubSwitch stub = new StubSwitch(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        stub.server.createContext("/", stub::take);
        stub.server.start();
        return stub;
    }

    private void take(HttpExchange exchange) throws IOException {
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), exchange.getRequestHeaders(),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        int answerStatus = status;
        String answerBody = answer;
        if (answerStatus == 0) {
            throw new IllegalStateException("the stub switch hangs up"); // the server closes the connection, no answer
        }
        if (answerAfterMillis > 0) {
            // A slow switch: the answer goes out later, from another thread, while the stub takes the next requests.
            later.schedule(() -> answer(exchange, answerStatus, answerBody), answerAfterMillis, TimeUnit.MILLISECONDS);
        } else {
            answer(exchange, answerStatus, answerBody);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // The hub gave up waiting and closed the connection: nothing to answer to.
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request received since the last {@link #reset}, in order. */
    public List<Received> received() {
        return received;
    }

    /** Answers every request from now on with this status and body. */
    public StubSwitch answering(int status, String body) {
        this.status = status;
        this.answer = body;
        return this;
    }

    /** Takes every request from now on and closes its connection without an answer. */
    public StubSwitch hangingUp() {
        this.status = 0;
        return this;
    }

    /** Answers every request from now on this long after it came. */
    public StubSwitch answeringAfter(long millis) {
        this.answerAfterMillis = millis;
        return this;
    }

    /** Forgets what it received and answers 202 at once again. */
    public void reset() {
        received.clear();
        status = 202;
        answer = "";
        answerAfterMillis = 0;
    }

    @Override
    public void close() {
        server.stop(0);
        later.shutdownNow();
    }
}
