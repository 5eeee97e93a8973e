package io.paymenthub.core.metrics;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

import io.paymenthub.core.account.AccountSystem;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.tenant.Tenant;

/**
 * A core-banking system whose every call is timed and counted for its tenant, whatever connector
 * serves it (Fineract's or a hot-deployed one): the outcome is "ok", the {@code AccountSystemError}
 * of a typed failure, or "ERROR" for anything else. The call itself is passed on unchanged.
 */
public final class MeteredAccountSystem {

    /** The operation each method is counted as; the names of the Fineract connector's routes. */
    private static final Map<String, String> OPERATIONS = Map.ofEntries(Map.entry("checkReachable", "check-reachable"),
            Map.entry("lookupParty", "lookup-party"), Map.entry("accountHolder", "account"), Map.entry("quote", "quote"),
            Map.entry("checkTransactionRequest", "request"), Map.entry("reserve", "prepare"), Map.entry("commit", "commit"),
            Map.entry("release", "release"), Map.entry("deposit", "deposit"), Map.entry("registerAlias", "register-alias"),
            Map.entry("removeAlias", "remove-alias"), Map.entry("bookings", "bookings"), Map.entry("forEachBooking", "bookings"),
            Map.entry("findBooking", "bookings"));

    private MeteredAccountSystem() {
    }

    /** {@code system}, with each call that names a tenant counted in {@code metrics}. */
    public static AccountSystem of(AccountSystem system, HubMetrics metrics) {
        return (AccountSystem) Proxy.newProxyInstance(AccountSystem.class.getClassLoader(), new Class<?>[] {AccountSystem.class},
                (proxy, method, args) -> {
                    String operation = OPERATIONS.get(method.getName());
                    if (operation == null || args == null || !(args[0] instanceof Tenant tenant)) {
                        return invoke(system, method, args);
                    }
                    long started = System.nanoTime();
                    String outcome = "ERROR";
                    try {
                        Object result = invoke(system, method, args);
                        outcome = "ok";
                        return result;
                    } catch (AccountSystemException e) {
                        outcome = e.error().name();
                        throw e;
                    } finally {
                        metrics.accountSystemCall(tenant.name(), system.name(), operation, outcome,
                                Duration.ofNanos(System.nanoTime() - started));
                    }
                });
    }

    private static Object invoke(AccountSystem system, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(system, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
