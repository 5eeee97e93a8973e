package io.paymenthub.core.http;

import java.util.List;
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
        long maxBytes = Long.parseLong(context.resolvePropertyPlaceholders("{{" + maxBytesProperty + "}}"));
        context.getRegistry().bind(name, List.<Filter>of(new KeepAliveTimeout(),
                new RequestSizeLimit(maxBytes, contentType, errorBody.apply(maxBytes))));
        return "#" + name;
    }
}
