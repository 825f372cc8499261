package dev.gantry.testing;

/** Where the tests find the machine's servers: environment variables with local defaults. */
final class TestEnvironment {

    private TestEnvironment() {
    }

    static String get(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
