package io.paymenthub.core.account;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.paymenthub.core.tenant.Tenant;

/**
 * A circuit breaker per tenant around its core-banking calls (Resilience4j): once its last
 * {@code failures} calls all went unanswered ({@link AccountSystemError#UNAVAILABLE}: refused,
 * timed out, 5xx), the tenant's calls fail at once for {@code openMillis}, then one call tries
 * again and its answer closes the breaker or opens it anew.
 *
 * <p>Why: the flows' consumers are shared by every tenant. A failing step goes back to the broker
 * for a later attempt, but the attempt itself held a consumer as long as the connector waited and
 * retried (seconds a call, half a minute against a hung server), so one tenant whose core banking
 * was away took the consumers from all the others. Failing fast, its attempts cost nothing, and the
 * broker's back-off and the flows' stall checks bring its transfers back once it answers again.
 * Nothing that fails fast reached core banking: it moved no money.
 */
public class CoreBankingBreakers implements AccountSystemInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(CoreBankingBreakers.class);

    private final CircuitBreakerRegistry registry;
    private final int failures;
    private final long openMillis;

    /**
     * @param failures   unanswered calls in a row that open a tenant's breaker (0 turns breakers off)
     * @param openMillis how long an open breaker fails the tenant's calls before one is tried again
     */
    public CoreBankingBreakers(int failures, long openMillis) {
        this(failures, openMillis, java.time.Clock.systemUTC());
    }

    CoreBankingBreakers(int failures, long openMillis, java.time.Clock clock) {
        this.failures = failures;
        this.openMillis = openMillis;
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(1, failures))
                .minimumNumberOfCalls(Math.max(1, failures))
                .failureRateThreshold(100)
                .waitDurationInOpenState(Duration.ofMillis(openMillis))
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(CoreBankingBreakers::unanswered)
                .clock(clock)
                .build());
    }

    private static boolean unanswered(Throwable failure) {
        return failure instanceof AccountSystemException e && e.error() == AccountSystemError.UNAVAILABLE;
    }

    @Override
    public Object around(Tenant tenant, String operation, AccountSystemInterceptor.Call call) throws Throwable {
        if (failures <= 0) {
            return call.proceed();
        }
        CircuitBreaker breaker = breaker(tenant.name());
        if (!breaker.tryAcquirePermission()) {
            String why = breaker.getState() == CircuitBreaker.State.HALF_OPEN
                    ? "one call is trying it again now, the others wait for its answer"
                    : "tried again within " + openMillis + " ms";
            throw new AccountSystemException(AccountSystemError.UNAVAILABLE, "Core banking of tenant " + tenant.name()
                    + " did not answer its last " + failures + " calls: " + operation + " not asked, " + why, 0, null);
        }
        long started = System.nanoTime();
        try {
            Object result = call.proceed();
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return result;
        } catch (Throwable failure) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, failure);
            throw failure;
        }
    }

    private CircuitBreaker breaker(String tenant) {
        return registry.find(tenant).orElseGet(() -> {
            CircuitBreaker created = registry.circuitBreaker(tenant);
            created.getEventPublisher().onStateTransition(event -> {
                switch (event.getStateTransition().getToState()) {
                    case OPEN -> LOG.warn("Core banking of tenant {} does not answer: its calls fail at once for {} ms, then one is tried",
                            tenant, openMillis);
                    case CLOSED -> LOG.info("Core banking of tenant {} answers again: its calls go through", tenant);
                    default -> LOG.debug("Core banking breaker of tenant {}: {}", tenant, event.getStateTransition());
                }
            });
            return created;
        });
    }

    /** The tenant's breaker: CLOSED (calls go through), OPEN (they fail at once) or HALF_OPEN (one is tried). */
    public String state(String tenant) {
        return registry.find(tenant).map(breaker -> breaker.getState().name()).orElse(CircuitBreaker.State.CLOSED.name());
    }
}
