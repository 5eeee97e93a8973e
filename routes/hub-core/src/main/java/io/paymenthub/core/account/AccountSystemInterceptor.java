package io.paymenthub.core.account;

import io.paymenthub.core.tenant.Tenant;

/** Around each core-banking call of a tenant ({@link AccountSystemCalls}): passes it on with {@link Call#proceed()}, or throws instead. */
@FunctionalInterface
public interface AccountSystemInterceptor {

    Object around(Tenant tenant, String operation, Call call) throws Throwable;

    /** The call itself. */
    @FunctionalInterface
    interface Call {
        Object proceed() throws Throwable;
    }
}
