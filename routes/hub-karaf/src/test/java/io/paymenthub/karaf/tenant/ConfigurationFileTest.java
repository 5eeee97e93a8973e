package io.paymenthub.karaf.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationFileTest {

    @TempDir
    Path etc;

    private static final String TENANT_FILE = """
            # dfsp1: the payer's core banking
            name = dfsp1
            fspId = payerfsp
            currencies = USD

            # Fineract
            fineract.url = http://127.0.0.1:9080/fineract-provider/api/v1
            fineract.tenantId = dfsp1
            """;

    private Hashtable<String, Object> configuration(Path file) throws IOException {
        Properties read = read(file);
        Hashtable<String, Object> properties = new Hashtable<>();
        read.forEach((key, value) -> properties.put((String) key, value));
        properties.put("service.pid", "io.paymenthub.tenant.4f1c");
        properties.put("service.factoryPid", "io.paymenthub.tenant");
        properties.put(ConfigurationFile.FILEINSTALL_FILENAME, file.toUri().toString());
        return properties;
    }

    private static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
        return properties;
    }

    @Test
    void aChangeKeepsTheFilesCommentsAndOrderAndLeavesOutConfigAdminsOwnProperties() throws IOException {
        Path file = Files.writeString(etc.resolve("io.paymenthub.tenant-dfsp1.cfg"), TENANT_FILE);
        Hashtable<String, Object> changed = configuration(file);
        changed.remove("currencies");
        changed.put("fspId", "dfsp1fsp");
        changed.put("suspended", "true");

        assertThat(ConfigurationFile.of(changed)).contains(file);
        ConfigurationFile.write(file, changed);

        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("# dfsp1: the payer's core banking", "# Fineract").doesNotContain("currencies", "service.pid",
                "service.factoryPid", "felix.fileinstall.filename");
        assertThat(text.indexOf("fspId")).as("a changed key stays where it was").isLessThan(text.indexOf("fineract.url"));
        assertThat(text.indexOf("suspended")).as("a new key comes last").isGreaterThan(text.indexOf("fineract.tenantId"));
        assertThat(read(file)).containsEntry("fspId", "dfsp1fsp").containsEntry("suspended", "true").containsEntry("name", "dfsp1")
                .hasSize(5);
        try (var left = Files.list(etc)) {
            assertThat(left).as("nothing left beside it").containsExactly(file);
        }
    }

    @Test
    void theFileIsReplacedWholeNotRewrittenInPlaceAndKeepsItsPermissions() throws IOException {
        Path file = Files.writeString(etc.resolve("io.paymenthub.tenant-dfsp1.cfg"), TENANT_FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Object before = Files.getAttribute(file, "unix:ino");
        Hashtable<String, Object> changed = configuration(file);
        changed.put("suspended", "true");

        ConfigurationFile.write(file, changed);

        assertThat(Files.getAttribute(file, "unix:ino")).as("a new file moved over the old one").isNotEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }

    @Test
    void aReaderScanningTheFileWhileItChangesAlwaysFindsEveryKey() throws Exception {
        // As File Install's scan does, every second, while the console suspends and resumes the tenant.
        Path file = Files.writeString(etc.resolve("io.paymenthub.tenant-dfsp1.cfg"), TENANT_FILE);
        Hashtable<String, Object> properties = configuration(file);
        properties.put("suspended", "false");
        ConfigurationFile.write(file, properties);
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<List<String>> torn = CompletableFuture.supplyAsync(() -> {
            List<String> reads = new ArrayList<>();
            int done = 0;
            while (writing.get() || done++ == 0) {
                try {
                    Properties read = read(file);
                    if (!read.containsKey("name") || !read.containsKey("fineract.tenantId") || !read.containsKey("suspended")) {
                        reads.add(read.toString());
                    }
                } catch (IOException e) {
                    reads.add(e.toString());
                }
            }
            return reads;
        });

        for (int i = 0; i < 2_000; i++) {
            properties.put("suspended", String.valueOf(i % 2 == 0));
            properties.put("suspended.reason", "core banking upgrade " + i);
            ConfigurationFile.write(file, properties);
        }
        writing.set(false);

        assertThat(torn.get()).as("reads that found the file half written").isEmpty();
        assertThat(read(file)).containsEntry("suspended.reason", "core banking upgrade 1999").containsEntry("suspended", "false");
    }
}
