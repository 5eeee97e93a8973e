package io.paymenthub.connector.mojaloop.outbound;

import java.util.EnumMap;
import java.util.Map;

import io.paymenthub.fspiop.FspiopResource;
import io.paymenthub.fspiop.FspiopVersion;

/**
 * Where the switch takes each resource (one URL, or one per resource when the switch's services
 * are split: the account lookup service for parties and participants, the quoting service...) and
 * the API version the hub speaks to it unless answering a request of another version.
 */
public final class SwitchEndpoints {

    private final String defaultUrl;
    private final Map<FspiopResource, String> perResource = new EnumMap<>(FspiopResource.class);
    private final FspiopVersion version;
    private final String settlementUrl;

    public SwitchEndpoints(String defaultUrl, Map<String, String> perResource, String version) {
        this(defaultUrl, perResource, version, null);
    }

    /**
     * @param perResource   resource path ({@code quotes}, {@code transactionRequests}...) to URL;
     *                      empty values mean the default URL
     * @param settlementUrl the switch's central settlement API; empty means the default URL
     */
    public SwitchEndpoints(String defaultUrl, Map<String, String> perResource, String version, String settlementUrl) {
        this.defaultUrl = trimSlash(defaultUrl);
        this.settlementUrl = settlementUrl == null || settlementUrl.isBlank() ? this.defaultUrl : trimSlash(settlementUrl);
        perResource.forEach((name, url) -> {
            FspiopResource resource = FspiopResource.fromPath(name)
                    .orElseThrow(() -> new IllegalArgumentException("No FSPIOP resource " + name));
            if (url != null && !url.isBlank()) {
                this.perResource.put(resource, trimSlash(url));
            }
        });
        this.version = FspiopVersion.parse(version);
        if (!this.version.isSupported()) {
            throw new IllegalArgumentException("switch.version " + version + " is not one of " + FspiopVersion.SUPPORTED);
        }
    }

    public String url(FspiopResource resource, String path) {
        return perResource.getOrDefault(resource, defaultUrl) + (path.startsWith("/") ? path : "/" + path);
    }

    /** A path of the switch's central settlement API ({@code settlementWindows?...}). */
    public String settlementUrl(String path) {
        return settlementUrl + (path.startsWith("/") ? path : "/" + path);
    }

    /** Every URL the switch is reached at. */
    public java.util.Set<String> urls() {
        java.util.Set<String> urls = new java.util.TreeSet<>(perResource.values());
        urls.add(defaultUrl);
        urls.add(settlementUrl);
        return urls;
    }

    public FspiopVersion version() {
        return version;
    }

    private static String trimSlash(String url) {
        String trimmed = url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
