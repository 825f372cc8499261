package dev.gantry.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.api.ImageReference;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds a small image the way {@code ./gantry images} builds Gantry's (a tarball base, a Quarkus fast-jar) and
 * pushes it to a registry on the loopback that refuses every upload, as a registry does to a user without push
 * rights; and writes it as a tarball, which is read back.
 */
class RegistryRefusalTest {

    private static final String DENIED = "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the"
            + " resource is denied: gantry-ci may not push to team/gateway\"}]}";

    @TempDir
    Path dir;
    private HttpServer registry;

    /** Over HTTPS with a self-signed certificate, as a private registry often is: --insecure accepts it. */
    @BeforeEach
    void startRefusingRegistry() throws Exception {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(selfSignedTls()));
        registry = https;
        registry.createContext("/", exchange -> {
            // the API version check passes, no blob exists yet, and every upload is denied
            exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                boolean versionCheck = exchange.getRequestURI().getPath().equals("/v2/");
                byte[] body = (versionCheck ? "{}" : DENIED).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(versionCheck ? 200 : 403, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        registry.start();
    }

    @AfterEach
    void stop() {
        registry.stop(0);
    }

    @Test
    void aRegistryThatRefusesThePushFailsTheBuildNamingTheImageAndTheRegistrysAnswer() throws Exception {
        String host = "localhost:" + registry.getAddress().getPort();
        ImageReference target = ImageTargets.reference(host + "/team", "gateway", "1.0.0");

        assertThatThrownBy(() -> new ImageBuilder(dir.resolve("cache"), Map.of()).build(GantryImages.service("gateway"),
                quarkusApp(), "tar://" + baseImage(), new ImageBuilder.Registry(target, true)))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageStartingWith("pushing gateway (" + host + "/team/gateway:1.0.0) to " + host + " failed")
                .hasMessageContaining("requested access to the resource is denied");
    }

    @Test
    void aTarballHoldsTheServiceAsTheChartRunsIt() throws Exception {
        ImageReference target = ImageTargets.reference(GantryImages.DEFAULT_REPOSITORY, "gateway", "1.0.0");
        Path tarball = dir.resolve("gateway.tar");

        new ImageBuilder(dir.resolve("cache"), Map.of("org.opencontainers.image.revision", "abc"))
                .build(GantryImages.service("gateway"), quarkusApp(), "tar://" + baseImage(),
                        new ImageBuilder.Tarball(target, tarball));

        OciTarball image = OciTarball.read(tarball);
        assertThat(image.referenceName()).isEqualTo("ghcr.io/gantry-dev/gateway:1.0.0");
        assertThat(image.containerConfig().path("User").asText()).isEqualTo("185:185");
        assertThat(image.containerConfig().path("Labels").path("org.opencontainers.image.revision").asText())
                .isEqualTo("abc");
        assertThat(image.layerEntries().getFirst()).contains("/etc/passwd");
        assertThat(image.allEntries()).contains("/deployments/quarkus-run.jar", "/deployments/lib/main/dep.jar",
                "/deployments/app/gateway.jar");
    }

    private SSLContext selfSignedTls() throws Exception {
        Path keystore = dir.resolve("registry.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "registry", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "test-only", "-keypass", "test-only")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            keys.load(in, "test-only".toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "test-only".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        return tls;
    }

    private Path quarkusApp() throws IOException {
        Path app = dir.resolve("quarkus-app");
        for (String file : new String[] {"quarkus-run.jar", "lib/main/dep.jar", "app/gateway.jar",
            "quarkus/quarkus-application.dat"}) {
            Files.createDirectories(app.resolve(file).getParent());
            Files.writeString(app.resolve(file), file);
        }
        return app;
    }

    /** A one-layer base image tarball in Docker archive layout, as base-images.sh writes them. */
    private Path baseImage() throws IOException, NoSuchAlgorithmException {
        byte[] layer = tar(Map.of("etc/passwd", "gantry:x:185:185::/tmp:/usr/sbin/nologin\n"));
        String diffId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(layer));
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + diffId + "\"]}}";
        String manifest = "[{\"Config\":\"config.json\",\"RepoTags\":[\"base:local\"],\"Layers\":[\"layer.tar\"]}]";
        Path base = dir.resolve("base.tar");
        Files.write(base, tar(Map.of("manifest.json", manifest, "config.json", config, "layer.tar", layer)));
        return base;
    }

    private static byte[] tar(Map<String, ?> files) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                byte[] content = file.getValue() instanceof byte[] b ? b
                        : file.getValue().toString().getBytes(StandardCharsets.UTF_8);
                var entry = new TarArchiveEntry(file.getKey());
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
