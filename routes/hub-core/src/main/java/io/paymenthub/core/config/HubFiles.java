package io.paymenthub.core.config;

import java.nio.file.Path;

/** Files named in the hub's configuration: an absolute path as it is, a relative one under the hub's base folder. */
public final class HubFiles {

    private HubFiles() {
    }

    /** Under {@code karaf.base} in Karaf, under the working folder elsewhere (tests, tools). */
    public static Path resolve(String path) {
        Path given = Path.of(path);
        return given.isAbsolute() ? given : Path.of(System.getProperty("karaf.base", ".")).resolve(given);
    }
}
