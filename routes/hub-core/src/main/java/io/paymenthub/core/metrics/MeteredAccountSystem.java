package io.paymenthub.core.metrics;

import java.time.Duration;

import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemCalls;
import io.paymenthub.core.account.AccountSystemException;

/**
 * A core-banking system whose every call is timed and counted for its tenant, whatever connector
 * serves it (Fineract's or a hot-deployed one): the outcome is "ok", the {@code AccountSystemError}
 * of a typed failure, or "ERROR" for anything else. The call itself is passed on unchanged.
 */
public final class MeteredAccountSystem {

    private MeteredAccountSystem() {
    }

    /** {@code system}, with each call that names a tenant counted in {@code metrics}. */
    public static AccountSystem of(AccountSystem system, HubMetrics metrics) {
        return AccountSystemCalls.intercepted(system, (tenant, operation, call) -> {
            long started = System.nanoTime();
            String outcome = "ERROR";
            try {
                Object result = call.proceed();
                outcome = "ok";
                return result;
            } catch (AccountSystemException e) {
                outcome = e.error().name();
                throw e;
            } finally {
                metrics.accountSystemCall(tenant.name(), system.name(), operation, outcome, Duration.ofNanos(System.nanoTime() - started));
            }
        });
    }
}
