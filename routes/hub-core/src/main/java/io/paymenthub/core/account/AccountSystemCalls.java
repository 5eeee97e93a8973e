package io.paymenthub.core.account;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

import io.paymenthub.core.tenant.Tenant;

/**
 * The calls of a core-banking system that name a tenant, each passed through an {@link AccountSystemInterceptor}
 * whatever connector serves it (Fineract's or a hot-deployed one): where the hub times them and
 * where it stops asking a core banking that does not answer.
 */
public final class AccountSystemCalls {

    /** The operation each method is known as; the names of the Fineract connector's routes. */
    private static final Map<String, String> OPERATIONS = Map.ofEntries(Map.entry("checkReachable", "check-reachable"),
            Map.entry("lookupParty", "lookup-party"), Map.entry("accountHolder", "account"), Map.entry("quote", "quote"),
            Map.entry("checkTransactionRequest", "request"), Map.entry("reserve", "prepare"), Map.entry("commit", "commit"),
            Map.entry("release", "release"), Map.entry("deposit", "deposit"), Map.entry("registerAlias", "register-alias"),
            Map.entry("removeAlias", "remove-alias"), Map.entry("bookings", "bookings"), Map.entry("forEachBooking", "bookings"),
            Map.entry("findBooking", "bookings"));

    private AccountSystemCalls() {
    }

    /** {@code system}, its every call that names a tenant passed through {@code interceptor}; the others as they are. */
    public static AccountSystem intercepted(AccountSystem system, AccountSystemInterceptor interceptor) {
        return (AccountSystem) Proxy.newProxyInstance(AccountSystem.class.getClassLoader(), new Class<?>[] {AccountSystem.class},
                (proxy, method, args) -> {
                    String operation = OPERATIONS.get(method.getName());
                    if (operation == null || args == null || !(args[0] instanceof Tenant tenant)) {
                        return invoke(system, method, args);
                    }
                    return interceptor.around(tenant, operation, () -> invoke(system, method, args));
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
