package io.paymenthub.fineract.simulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A table of METHOD + path templates ("savingsaccounts/{savingsId}") matched segment by segment. */
public final class Routes {

    /** The outcome of a lookup: a handler with its path parameters, or why there is none. */
    public record Match(Handler handler, Map<String, String> params, boolean pathKnown) {}

    private record Route(String method, String[] segments, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();

    public Routes add(String method, String template, Handler handler) {
        routes.add(new Route(method, template.split("/"), handler));
        return this;
    }

    public Routes get(String template, Handler handler) {
        return add("GET", template, handler);
    }

    public Routes post(String template, Handler handler) {
        return add("POST", template, handler);
    }

    public Routes put(String template, Handler handler) {
        return add("PUT", template, handler);
    }

    public Routes delete(String template, Handler handler) {
        return add("DELETE", template, handler);
    }

    /** Literal segments win over parameters, so "transfers" is not taken for an "{accountId}". */
    public Match match(String method, List<String> path) {
        boolean pathKnown = false;
        Match best = null;
        int bestLiterals = -1;
        for (Route route : routes) {
            Optional<Map<String, String>> params = bind(route.segments(), path);
            if (params.isEmpty()) {
                continue;
            }
            pathKnown = true;
            int literals = literalCount(route.segments());
            if (route.method().equals(method) && literals > bestLiterals) {
                best = new Match(route.handler(), params.get(), true);
                bestLiterals = literals;
            }
        }
        return best != null ? best : new Match(null, Map.of(), pathKnown);
    }

    private static Optional<Map<String, String>> bind(String[] template, List<String> path) {
        if (template.length != path.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String segment = template[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                params.put(segment.substring(1, segment.length() - 1), path.get(i));
            } else if (!segment.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    private static int literalCount(String[] template) {
        int count = 0;
        for (String segment : template) {
            if (!segment.startsWith("{")) {
                count++;
            }
        }
        return count;
    }
}
