package io.paymenthub.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Schemas of their own on the machine's PostgreSQL for the distributions of a test, dropped after it. */
final class TestSchemas {

    static final String URL = System.getProperty("hub.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("hub.test.postgres.user", "postgres");
    static final String PASSWORD = System.getProperty("hub.test.postgres.password", "");

    private TestSchemas() {
    }

    /** A new empty schema's name. */
    static String create() throws Exception {
        String schema = "hub_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    static void drop(String schema) throws Exception {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** Points the distribution's DataSource at the schema, the way the shipped datasource file documents. */
    static void use(HubDistribution hub, String schema) throws Exception {
        use(hub, schema, URL);
    }

    /** As above, through a relay on {@code relayPort} that stands for the network to PostgreSQL. */
    static void use(HubDistribution hub, String schema, int relayPort) throws Exception {
        use(hub, schema, URL.replaceFirst("//[^/]+/", "//127.0.0.1:" + relayPort + "/"));
    }

    private static void use(HubDistribution hub, String schema, String url) throws Exception {
        hub.writeEtc("org.ops4j.datasource-payment-hub.cfg", String.join("\n",
                "osgi.jdbc.driver.class = org.postgresql.Driver",
                "dataSourceName = payment-hub",
                "url = " + url + "?currentSchema=" + schema,
                "user = " + USER,
                "password = " + PASSWORD,
                "pool = dbcp2",
                "xa = false",
                "pool.maxTotal = 8",
                ""));
    }

    /** The first column of every row of a query. */
    static List<String> query(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    static void execute(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
