package dev.gantry.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded key pair and the command that prints a token for the local user (plain JUnit, no Quarkus). */
class LocalTokenCommandTest {

    @TempDir
    Path home;

    @Test
    void createsTheKeyPairOnceWithAPrivateKeyOnlyItsOwnerReads() throws Exception {
        LocalSigningKeys keys = new LocalSigningKeys(home);

        keys.createIfMissing();
        String publicKey = Files.readString(keys.publicKeyFile());
        keys.createIfMissing();

        assertThat(Files.readString(keys.publicKeyFile())).isEqualTo(publicKey).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Files.getPosixFilePermissions(keys.privateKeyFile()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(keys.privateKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void printsAnRs256TokenForTheGivenUserWithTheGatewaysIssuerAndAudience() throws Exception {
        new LocalSigningKeys(home).createIfMissing();

        String token = runCommand("alice", "--admin");

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        String header = decode(parts[0]);
        String claims = decode(parts[1]);
        assertThat(header).contains("\"alg\":\"RS256\"");
        assertThat(claims).contains("\"sub\":\"alice\"", "\"iss\":\"https://gantry.local\"", "\"aud\":\"gantry\"",
                "\"admin\"");
    }

    @Test
    void printsATokenForTheConfiguredLocalUserByDefault() throws Exception {
        new LocalSigningKeys(home).createIfMissing();

        String claims = decode(runCommand().split("\\.")[1]);

        assertThat(claims).contains("\"sub\":\"local\"").doesNotContain("\"admin\"");
    }

    private String runCommand(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setProperty("gantry.gateway.data-dir", home.toString());
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            LocalTokenCommand.main(args);
        } finally {
            System.setOut(original);
            System.clearProperty("gantry.gateway.data-dir");
        }
        return printed.toString(StandardCharsets.UTF_8).trim();
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
