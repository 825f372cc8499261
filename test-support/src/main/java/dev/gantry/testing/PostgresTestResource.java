package dev.gantry.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The machine's PostgreSQL, with a database of the test's own created if it is missing.
 * Init arg {@code database} names it; {@code jdbc=true} adds the JDBC URL, for services that migrate
 * with Flyway. The server is found at {@code GANTRY_PG_HOST}:{@code GANTRY_PG_PORT}
 * (127.0.0.1:5432); the role and database are made through the superuser {@code GANTRY_PG_SUPERUSER}
 * (postgres) when they do not exist yet, as {@code deploy/local/infra-up.sh} does. Init arg
 * {@code fresh=true} empties the database first (its public schema dropped and made again), for a platform
 * whose services migrate it from nothing on every run.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ROLE = "gantry";
    /**
     * The role's password: {@code GANTRY_DB_PASSWORD}, which {@code deploy/local/test.sh} takes from the one
     * {@code infra-up.sh} generated; {@code gantry} for a test database made here on a server of its own.
     */
    public static final String PASSWORD = TestEnvironment.get("GANTRY_DB_PASSWORD", "gantry");

    private String database;
    private boolean jdbc;
    private boolean fresh;

    @Override
    public void init(Map<String, String> initArgs) {
        database = Objects.requireNonNull(initArgs.get("database"), "init arg 'database' names the test database");
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        jdbc = Boolean.parseBoolean(initArgs.get("jdbc"));
        fresh = Boolean.parseBoolean(initArgs.get("fresh"));
    }

    @Override
    public Map<String, String> start() {
        String host = TestEnvironment.get("GANTRY_PG_HOST", "127.0.0.1");
        String port = TestEnvironment.get("GANTRY_PG_PORT", "5432");
        ensureDatabase(host, port);
        if (fresh) {
            empty(host, port);
        }
        Map<String, String> config = new HashMap<>(Map.of(
                "quarkus.datasource.username", ROLE,
                "quarkus.datasource.password", PASSWORD,
                "quarkus.datasource.reactive.url", "postgresql://%s:%s/%s".formatted(host, port, database)));
        if (jdbc) {
            config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://%s:%s/%s".formatted(host, port, database));
        }
        return config;
    }

    @Override
    public void stop() {
        // the database stays: tests isolate their rows by ids, and the next run reuses it
    }

    private void empty(String host, String port) {
        String url = "jdbc:postgresql://%s:%s/%s".formatted(host, port, database);
        try (Connection connection = DriverManager.getConnection(url, ROLE, PASSWORD);
                Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS public CASCADE");
            sql.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the test database " + database + ": " + e.getMessage(), e);
        }
    }

    private void ensureDatabase(String host, String port) {
        String url = "jdbc:postgresql://%s:%s/".formatted(host, port);
        try (Connection ignored = DriverManager.getConnection(url + database, ROLE, PASSWORD)) {
            return;
        } catch (SQLException notYet) {
            // the role or the database is missing: make them as the superuser
        }
        String superuser = TestEnvironment.get("GANTRY_PG_SUPERUSER", "postgres");
        try (Connection admin = DriverManager.getConnection(url + "postgres", superuser, "");
                Statement sql = admin.createStatement()) {
            sql.execute("""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                        CREATE ROLE %1$s LOGIN PASSWORD '%2$s';
                      END IF;
                    END $$""".formatted(ROLE, PASSWORD));
            if (!sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'").next()) {
                sql.execute("CREATE DATABASE " + database + " OWNER " + ROLE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("""
                    PostgreSQL is needed by this test and is not usable at %s:%s (%s).
                    Start it, or run deploy/local/infra-up.sh, which installs and starts it and creates
                    the role '%s'. Another server: set GANTRY_PG_HOST, GANTRY_PG_PORT, GANTRY_PG_SUPERUSER."""
                    .formatted(host, port, e.getMessage(), ROLE), e);
        }
    }
}
