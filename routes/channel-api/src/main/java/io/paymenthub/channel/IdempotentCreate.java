package io.paymenthub.channel;

import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.paymenthub.core.tenant.Tenant;

/**
 * Runs a channel's "create" once per idempotency key: a repeat with the same body gets the first
 * answer again, with another body 409, and one that comes while the first is being processed 409
 * (repeat it later). A create that fails leaves the key free for a repeat.
 */
final class IdempotentCreate {

    @FunctionalInterface
    interface Operation {
        ChannelResponse run() throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(IdempotentCreate.class);

    private IdempotentCreate() {
    }

    static ChannelResponse run(ChannelIdempotencyStore idempotency, Tenant tenant, String key, String operation, String body,
                               Operation create) throws SQLException {
        ChannelIdempotencyStore.Outcome outcome = idempotency.begin(tenant.name(), key, operation, body);
        if (outcome instanceof ChannelIdempotencyStore.Outcome.Replay replay) {
            LOG.info("{} of {} with Idempotency-Key {} repeated: first answer replayed", operation, tenant.name(), key);
            return ChannelResponse.of(replay.status(), replay.body());
        }
        if (outcome instanceof ChannelIdempotencyStore.Outcome.InProgress) {
            throw new ChannelException(409, "REQUEST_IN_PROGRESS", "A request with Idempotency-Key " + key
                    + " is being processed; repeat it to get its answer");
        }
        ChannelResponse response;
        try {
            response = create.run();
        } catch (SQLException | RuntimeException e) {
            idempotency.abandon(tenant.name(), key);
            throw e;
        }
        idempotency.complete(tenant.name(), key, response.status(), response.body());
        return response;
    }
}
