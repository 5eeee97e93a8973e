package io.paymenthub.fineract.simulator.http;

import io.paymenthub.fineract.simulator.ledger.CommandLog;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Fineract command (anything that writes) with Fineract's idempotency: with an Idempotency-Key header the
 * first outcome, success or error, is recorded per action, entity and key, and a repeat replays it with
 * {@code x-served-from-cache: true} without running the command again. A repeat that arrives while the first is
 * still running gets 425, as in Fineract.
 */
public final class Commands {

    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    public static final String SERVED_FROM_CACHE = "x-served-from-cache";

    private static final Logger LOG = LoggerFactory.getLogger(Commands.class);

    private Commands() {
    }

    public static Reply run(Call call, String action, String entity, Supplier<Reply> command) {
        String key = call.header(IDEMPOTENCY_HEADER);
        if (key == null || key.isBlank()) {
            return outcome(call, command);
        }
        CommandLog<Object> log = call.tenant().commandLog();
        CommandLog.Outcome<Object> outcome = log.execute(action, entity, key, () -> outcome(call, command));
        if (outcome.stillRunning()) {
            return new Reply(425, "", Map.of(SERVED_FROM_CACHE, "true"));
        }
        Reply reply = (Reply) outcome.result();
        return outcome.replayed() ? reply.withHeader(SERVED_FROM_CACHE, "true") : reply;
    }

    private static Reply outcome(Call call, Supplier<Reply> command) {
        try {
            return command.get();
        } catch (ApiException e) {
            return Router.toReply(e, call.path());
        } catch (RuntimeException e) {
            // Fineract records an unhandled failure with its status too, and replays it.
            LOG.warn("Unhandled error in command {}", call.path(), e);
            return Router.toReply(ApiException.unhandled(500), call.path());
        }
    }
}
