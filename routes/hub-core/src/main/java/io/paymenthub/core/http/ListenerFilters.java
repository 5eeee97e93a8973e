package io.paymenthub.core.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import jakarta.servlet.Filter;

import org.apache.camel.CamelContext;

/**
 * The servlet filters every HTTP listener of the hub runs before its route: {@link KeepAliveTimeout}
 * and {@link RequestSizeLimit}. Installed on a camel-jetty endpoint with {@code filters=#name}.
 */
public final class ListenerFilters {

    private ListenerFilters() {
    }

    /**
     * Puts the filters into the context's registry as the list camel-jetty's {@code filters} option
     * takes, with the body size limit set by {@code maxBytesProperty} (a property placeholder, in bytes).
     *
     * @param contentType the media type of the listener's error bodies
     * @param errorBody   what a client whose body is too large reads, given the limit
     * @return the option's value, {@code #name}
     */
    public static String bind(CamelContext context, String name, String maxBytesProperty, String contentType,
                              LongFunction<String> errorBody) {
        return bind(context, name, maxBytesProperty, Map.of(), contentType, errorBody);
    }

    /**
     * As {@link #bind(CamelContext, String, String, String, LongFunction)}, with other limits for
     * the paths that start with the keys of {@code maxBytesPropertyByPath} (an upload's).
     */
    public static String bind(CamelContext context, String name, String maxBytesProperty, Map<String, String> maxBytesPropertyByPath,
                              String contentType, LongFunction<String> errorBody) {
        Map<String, Long> byPath = new LinkedHashMap<>();
        maxBytesPropertyByPath.forEach((path, property) -> byPath.put(path, maxBytes(context, property)));
        context.getRegistry().bind(name, List.<Filter>of(new KeepAliveTimeout(),
                new RequestSizeLimit(maxBytes(context, maxBytesProperty), byPath, contentType, errorBody)));
        return "#" + name;
    }

    private static long maxBytes(CamelContext context, String property) {
        return Long.parseLong(context.resolvePropertyPlaceholders("{{" + property + "}}"));
    }
}
