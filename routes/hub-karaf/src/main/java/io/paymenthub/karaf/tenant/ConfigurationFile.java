package io.paymenthub.karaf.tenant;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Optional;
import java.util.Set;

import org.apache.felix.utils.properties.TypedProperties;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A configuration's file in {@code etc/}, written whole or not at all. File Install reads
 * {@code etc/} every second and takes what it reads for the operator's intent: a file caught half
 * written in place gives Config Admin a tenant without its keys or without its suspension. So the
 * new text is written beside the file and moved over it: a reader sees the old text or the new.
 * (File Install's own write-back, which writes in place, is turned off in the distribution's
 * {@code etc/custom.properties}; the hub writes the files of the configurations it changes.)
 */
public final class ConfigurationFile {

    /** The property File Install gives a configuration it read from a file: the file's URL. */
    public static final String FILEINSTALL_FILENAME = "felix.fileinstall.filename";

    /** Config Admin's and File Install's own properties, never written in the file. */
    private static final Set<String> NOT_IN_FILE = Set.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID, FILEINSTALL_FILENAME);

    private ConfigurationFile() {
    }

    /** The file a configuration was read from, if File Install read it from one. */
    public static Optional<Path> of(Dictionary<String, ?> properties) {
        Object name = properties == null ? null : properties.get(FILEINSTALL_FILENAME);
        if (name == null) {
            return Optional.empty();
        }
        String location = name.toString();
        return Optional.of(location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location));
    }

    /**
     * Writes the properties to the file as one replacement: the file's comments, layout and the
     * order of its keys kept, a key no longer among the properties removed, a new one appended, the
     * file's permissions kept.
     */
    public static void write(Path file, Dictionary<String, ?> properties) throws IOException {
        TypedProperties text = new TypedProperties();
        if (Files.exists(file)) {
            text.load(file.toFile());
        }
        text.keySet().removeIf(key -> NOT_IN_FILE.contains(key) || properties.get(key) == null);
        for (String key : Collections.list(properties.keys())) {
            if (!NOT_IN_FILE.contains(key)) {
                text.put(key, properties.get(key));
            }
        }
        // Beside the file (a move within one file system is atomic) and named so File Install's filter passes it by.
        Path written = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".writing");
        try {
            text.save(written.toFile());
            PosixFileAttributeView permissions = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (permissions != null && Files.exists(file)) {
                Files.setPosixFilePermissions(written, permissions.readAttributes().permissions());
            }
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(written);
        }
    }
}
