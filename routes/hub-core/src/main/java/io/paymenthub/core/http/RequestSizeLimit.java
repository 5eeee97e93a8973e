package io.paymenthub.core.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.LongFunction;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A body size limit for an HTTP listener (Jetty 12.0 has none for plain bodies): a request that
 * declares a longer body, or sends a longer one in chunks, is answered 413 with the listener's own
 * error body before any route sees it. A chunked body is read up to the limit, never further.
 * One of the {@link ListenerFilters}.
 */
public class RequestSizeLimit implements Filter {

    private final long maxBytes;
    private final Map<String, Long> maxBytesByPath;
    private final String contentType;
    private final LongFunction<String> errorBody;

    /**
     * @param maxBytesByPath other limits for the paths that start with its keys
     * @param contentType    the media type of {@code errorBody}, in the protocol of the listener
     * @param errorBody      what a refused client reads (FSPIOP errorInformation, the channel API's error), given the limit it went over
     */
    public RequestSizeLimit(long maxBytes, Map<String, Long> maxBytesByPath, String contentType, LongFunction<String> errorBody) {
        this.maxBytes = maxBytes;
        this.maxBytesByPath = Map.copyOf(maxBytesByPath);
        this.contentType = contentType;
        this.errorBody = errorBody;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        long maxBytes = limit(http.getRequestURI());
        long declared = http.getContentLengthLong();
        if (declared > maxBytes) {
            refuse((HttpServletResponse) response, maxBytes);
            return;
        }
        if (declared >= 0 || !hasBody(http)) {
            chain.doFilter(request, response);
            return;
        }
        // Chunked: read at most one byte past the limit, so a client cannot make the hub buffer more.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = http.getInputStream()) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes + 1 - body.size()))) > 0) {
                body.write(buffer, 0, read);
                if (body.size() > maxBytes) {
                    refuse((HttpServletResponse) response, maxBytes);
                    return;
                }
            }
        }
        chain.doFilter(new BufferedRequest(http, body.toByteArray()), response);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getHeader("Transfer-Encoding") != null;
    }

    private long limit(String path) {
        for (Map.Entry<String, Long> limit : maxBytesByPath.entrySet()) {
            if (path != null && path.startsWith(limit.getKey())) {
                return limit.getValue();
            }
        }
        return maxBytes;
    }

    private void refuse(HttpServletResponse response, long maxBytes) throws IOException {
        byte[] bytes = errorBody.apply(maxBytes).getBytes(StandardCharsets.UTF_8);
        response.setStatus(413);
        response.setContentType(contentType);
        response.setHeader("Connection", "close");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** A request whose body was read already. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    // The whole body is here already: it is available, then read to its end.
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }
    }
}
