package io.paymenthub.fspiop;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An FSPIOP API version as carried in {@code ;version=} of Content-Type and Accept. */
public record FspiopVersion(int major, int minor) implements Comparable<FspiopVersion> {

    public static final FspiopVersion V1_0 = new FspiopVersion(1, 0);
    public static final FspiopVersion V1_1 = new FspiopVersion(1, 1);
    /** What this hub speaks, oldest first. */
    public static final List<FspiopVersion> SUPPORTED = List.of(V1_0, V1_1);

    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,4})(?:\\.(\\d{1,4}))?");

    public FspiopVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("negative version " + major + "." + minor);
        }
    }

    /**
     * Reads {@code 1.1}, {@code 1.0} or {@code 1}. A lone major means minor 0, as Mojaloop's own
     * header validation maps it when it lists supported versions.
     */
    public static FspiopVersion parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an FSPIOP version: " + text);
        }
        return new FspiopVersion(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    public boolean isSupported() {
        return SUPPORTED.contains(this);
    }

    @Override
    public int compareTo(FspiopVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
