package io.paymenthub.core.http;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Tells every client of a listener how long it may keep an idle connection: {@code Keep-Alive:
 * timeout=N} on every answer, N well below the time after which Jetty closes an idle connection
 * ({@link #CONNECTOR_IDLE_TIMEOUT}). A client that keeps idle connections without a limit of its
 * own, as Node's keep-alive agents do (the Mojaloop switch's services and its Testing Toolkit among
 * them), otherwise takes one from its pool just as Jetty closes it, and the request it sends is lost
 * ("socket hang up"); nothing tells the client whether the hub got it. Node retires an idle
 * connection one second before the advertised time, Apache HttpClient at it.
 */
public class KeepAliveTimeout implements Filter {

    /** Jetty's idle timeout of a listener's connector: camel-jetty sets none, so it is Jetty's default. */
    public static final Duration CONNECTOR_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** What the clients are told: ten seconds short of the idle timeout, for a client busy when its connection turns idle. */
    public static final Duration ADVERTISED = CONNECTOR_IDLE_TIMEOUT.minusSeconds(10);

    private final String headerValue = "timeout=" + ADVERTISED.toSeconds();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        ((HttpServletResponse) response).setHeader("Keep-Alive", headerValue);
        chain.doFilter(request, response);
    }
}
