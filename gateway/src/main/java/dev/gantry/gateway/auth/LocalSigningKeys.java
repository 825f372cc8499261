package dev.gantry.gateway.auth;

import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;

/**
 * The embedded default identity: an RS256 key pair kept in {@code <data dir>/keys}, so a local
 * installation verifies tokens without an external identity provider. The gateway verifies with
 * the public half; {@link LocalTokenCommand} signs with the private half.
 */
public final class LocalSigningKeys {

    private static final String ALGORITHM = "RSA";
    private static final int KEY_BITS = 2048;
    private static final int PEM_LINE_LENGTH = 64;

    private final Path privateKeyFile;
    private final Path publicKeyFile;

    public LocalSigningKeys(Path dataDir) {
        Path keys = dataDir.resolve("keys");
        this.privateKeyFile = keys.resolve("jwt-private.pem");
        this.publicKeyFile = keys.resolve("jwt-public.pem");
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    public Path privateKeyFile() {
        return privateKeyFile;
    }

    public boolean exist() {
        return Files.isRegularFile(privateKeyFile) && Files.isRegularFile(publicKeyFile);
    }

    /** Creates the pair unless it exists; the private key file is readable by its owner only. */
    public void createIfMissing() {
        if (exist()) {
            return;
        }
        KeyPair pair = generate();
        try {
            Files.createDirectories(privateKeyFile.getParent());
            writeOwnerOnly(privateKeyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKeyFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (FileAlreadyExistsException raced) {
            // another process created the pair at the same moment: theirs is as good as ours
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local signing keys under " + privateKeyFile.getParent(), e);
        }
    }

    public PrivateKey privateKey() {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(privateKeyFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local signing key " + privateKeyFile
                    + " (start the gateway once to create it)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the local signing key " + privateKeyFile + " is not a PKCS#8 RSA key", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(KEY_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate RSA keys", e);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a non-POSIX file system (Windows): the user's profile directory already protects it
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(PEM_LINE_LENGTH, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
