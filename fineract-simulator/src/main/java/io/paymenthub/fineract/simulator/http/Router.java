package io.paymenthub.fineract.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.paymenthub.fineract.simulator.ledger.Tenant;
import io.paymenthub.fineract.simulator.ledger.TenantRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP handler. Requests under {@value #FINERACT_BASE} go through Fineract's filter order (tenant, then
 * credentials, then the resource); requests under {@value #ADMIN_BASE} are the simulator's own, for loopback
 * callers only.
 */
public final class Router implements HttpHandler {

    public static final String FINERACT_BASE = "/fineract-provider/api/v1/";
    public static final String ADMIN_BASE = "/simulator/admin/";
    public static final String TENANT_HEADER = "Fineract-Platform-TenantId";

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final TenantRegistry tenants;
    private final Routes fineract;
    private final Routes admin;
    private final AnswerDelay answerDelay;

    public Router(TenantRegistry tenants, Routes fineract, Routes admin, AnswerDelay answerDelay) {
        this.tenants = tenants;
        this.fineract = fineract;
        this.admin = admin;
        this.answerDelay = answerDelay;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Reply reply;
        try {
            Call call = read(exchange);
            reply = dispatch(call, exchange);
        } catch (ApiException e) {
            reply = toReply(e, path);
        } catch (RuntimeException e) {
            LOG.warn("Unhandled error on {} {}", exchange.getRequestMethod(), path, e);
            reply = toReply(ApiException.unhandled(500), path);
        }
        LOG.debug("{} {} -> {}", exchange.getRequestMethod(), path, reply.status());
        write(exchange, reply);
    }

    /** Turns an error into its answer; the container's document needs the request path. */
    public static Reply toReply(ApiException e, String path) {
        Object body = e.body() != null ? e.body() : FineractErrors.containerError(e.status(), path);
        return Reply.json(e.status(), body);
    }

    private Reply dispatch(Call call, HttpExchange exchange) {
        if (call.path().startsWith(FINERACT_BASE)) {
            answerDelay.await();
            return dispatchFineract(call);
        }
        if (call.path().startsWith(ADMIN_BASE)) {
            if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
                throw ApiException.unhandled(403);
            }
            return route(admin, call, call.path().substring(ADMIN_BASE.length()), null);
        }
        throw ApiException.unhandled(404);
    }

    private Reply dispatchFineract(Call call) {
        String tenantId = call.header(TENANT_HEADER);
        if (tenantId == null) {
            tenantId = call.queryParam("tenantIdentifier");
        }
        Tenant tenant = tenants.find(tenantId).orElseThrow(() -> ApiException.unhandled(400));
        if (!authenticated(tenant, call.header("Authorization"))) {
            throw ApiException.unhandled(401);
        }
        return route(fineract, call, call.path().substring(FINERACT_BASE.length()), tenant);
    }

    private static Reply route(Routes routes, Call call, String relativePath, Tenant tenant) {
        List<String> segments = segments(relativePath);
        Routes.Match match = routes.match(call.method(), segments);
        if (match.handler() == null) {
            throw ApiException.unhandled(match.pathKnown() ? 405 : 404);
        }
        return match.handler().handle(call.with(match.params(), tenant));
    }

    private static boolean authenticated(Tenant tenant, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && tenant.authenticates(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Call read(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Call(exchange.getRequestMethod().toUpperCase(Locale.ROOT), uri.getRawPath(), Map.of(), query(uri.getRawQuery()),
                headers, body, null);
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/", -1)) {
            segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        if (segments.size() > 1 && segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1);
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
