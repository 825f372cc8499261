package dev.gantry.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads an OCI image layout tarball: its index, the image's manifest and config, the entries of its layers. */
record OciTarball(JsonNode index, JsonNode manifest, JsonNode config, List<List<String>> layerEntries) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static OciTarball read(Path file) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (var tar = new TarArchiveInputStream(Files.newInputStream(file))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                if (entry.isFile()) {
                    files.put(entry.getName().replaceFirst("^\\./", ""), tar.readAllBytes());
                }
            }
        }
        JsonNode index = JSON.readTree(required(files, "index.json"));
        JsonNode manifest = JSON.readTree(blob(files, index.path("manifests").path(0).path("digest").asText()));
        JsonNode config = JSON.readTree(blob(files, manifest.path("config").path("digest").asText()));
        List<List<String>> layers = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            byte[] bytes = blob(files, layer.path("digest").asText());
            InputStream in = new java.io.ByteArrayInputStream(bytes);
            if (layer.path("mediaType").asText().endsWith("gzip")) {
                in = new GZIPInputStream(in);
            }
            List<String> names = new ArrayList<>();
            try (var tar = new TarArchiveInputStream(in)) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    names.add("/" + entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", ""));
                }
            }
            layers.add(names);
        }
        return new OciTarball(index, manifest, config, layers);
    }

    /**
     * Unpacks the image's file system into {@code root}, its layers in order, as a container runtime does (files,
     * modes, times and links; Gantry's layers hold no whiteouts), with the machine's tar.
     */
    static void unpack(Path file, Path root) throws IOException, InterruptedException {
        Path blobs = Files.createTempDirectory("oci-blobs-");
        try {
            run(List.of("tar", "-xf", file.toString(), "-C", blobs.toString()));
            JsonNode index = JSON.readTree(blobs.resolve("index.json").toFile());
            JsonNode manifest = JSON.readTree(blobPath(blobs, index.path("manifests").path(0).path("digest").asText())
                    .toFile());
            Files.createDirectories(root);
            for (JsonNode layer : manifest.path("layers")) {
                Path blob = blobPath(blobs, layer.path("digest").asText());
                boolean gzip = layer.path("mediaType").asText().endsWith("gzip");
                run(List.of("tar", gzip ? "-xzf" : "-xf", blob.toString(), "-C", root.toString()));
            }
        } finally {
            run(List.of("rm", "-rf", blobs.toString()));
        }
    }

    private static Path blobPath(Path blobs, String digest) {
        return blobs.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** The image reference the tarball is named with. */
    String referenceName() {
        return index.path("manifests").path(0).path("annotations").path("org.opencontainers.image.ref.name").asText();
    }

    JsonNode containerConfig() {
        return config.path("config");
    }

    List<String> env() {
        List<String> env = new ArrayList<>();
        containerConfig().path("Env").forEach(e -> env.add(e.asText()));
        return env;
    }

    List<String> allEntries() {
        return layerEntries.stream().flatMap(List::stream).toList();
    }

    private static byte[] blob(Map<String, byte[]> files, String digest) throws IOException {
        return required(files, "blobs/" + digest.replace(':', '/'));
    }

    private static byte[] required(Map<String, byte[]> files, String name) throws IOException {
        byte[] bytes = files.get(name);
        if (bytes == null) {
            throw new IOException("no " + name + " in the image tarball; it has " + files.keySet());
        }
        return bytes;
    }
}
