package io.jric.xapps.ml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A trained DL4J network with its metadata, as one zip: {@code metadata.json} ({@link ModelMetadata})
 * and {@code network.zip} (DL4J's own {@link ModelSerializer} format, without updater state). The
 * metadata carries the SHA-256 of {@code network.zip}; {@link #fromBytes} refuses a bundle whose
 * network does not match it, whose metadata is missing or unreadable, or whose network does not
 * take as many inputs as the metadata names. This zip is what A1-ML uploads (format {@code dl4j}).
 */
public final class ModelBundle {
    static final String METADATA = "metadata.json";
    static final String NETWORK = "network.zip";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final MultiLayerNetwork network;
    private final ModelMetadata metadata;

    private ModelBundle(MultiLayerNetwork network, ModelMetadata metadata) {
        this.network = network;
        this.metadata = metadata;
    }

    /** A bundle of a trained network; the checksum is computed when written. */
    public static ModelBundle of(MultiLayerNetwork network, ModelMetadata metadata) {
        checkShape(network, metadata);
        return new ModelBundle(network, metadata);
    }

    public MultiLayerNetwork network() {
        return network;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    /** The same network under another version (for publishing v2 of a model). */
    public ModelBundle withVersion(String version) {
        return new ModelBundle(network, metadata.withVersion(version));
    }

    /** The bundle zip. Deterministic: the same network and metadata give the same bytes. */
    public byte[] toBytes() throws IOException {
        ByteArrayOutputStream net = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, net, false);
        byte[] netBytes = normaliseZip(net.toByteArray());
        ModelMetadata md = metadata.withSha256(sha256(netBytes));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, METADATA, JSON.writeValueAsBytes(md));
            put(zip, NETWORK, netBytes);
        }
        return out.toByteArray();
    }

    /** Writes the bundle zip to {@code file}. */
    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        Files.write(tmp, toBytes());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a bundle zip from {@code file}. */
    public static ModelBundle load(Path file) throws IOException {
        return fromBytes(Files.readAllBytes(file));
    }

    /**
     * Reads a bundle zip, verifying the checksum and the network's shape against the metadata.
     *
     * @throws IOException not a bundle, checksum mismatch, unreadable network or metadata
     */
    public static ModelBundle fromBytes(byte[] bytes) throws IOException {
        byte[] md = null;
        byte[] net = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.getName().equals(METADATA)) md = zip.readAllBytes();
                else if (e.getName().equals(NETWORK)) net = zip.readAllBytes();
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("not a model bundle zip: " + e.getMessage(), e);
        }
        if (md == null || net == null) {
            throw new IOException("not a model bundle: expected entries " + METADATA + " and " + NETWORK
                    + " (found " + (md == null ? "no " + METADATA : "") + (md == null && net == null ? ", " : "")
                    + (net == null ? "no " + NETWORK : "") + ")");
        }
        ModelMetadata meta;
        try {
            meta = JSON.readValue(md, ModelMetadata.class);
        } catch (IOException | RuntimeException e) {
            throw new IOException(METADATA + ": unreadable: " + e.getMessage(), e);
        }
        String actual = sha256(net);
        if (!actual.equalsIgnoreCase(String.valueOf(meta.sha256()))) {
            throw new IOException(NETWORK + ": checksum mismatch (sha-256 " + actual + ", metadata says " + meta.sha256() + ")");
        }
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(net), false);
        } catch (IOException | RuntimeException e) {
            throw new IOException(NETWORK + ": not a DL4J MultiLayerNetwork: " + e, e);
        }
        try {
            checkShape(network, meta);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new ModelBundle(network, meta);
    }

    /** Checks that {@code expected} (e.g. a descriptor's or ModelEvent's features) are this model's inputs. */
    public void requireInputs(List<String> expected) {
        if (!metadata.inputFeatures().equals(expected)) {
            throw new IllegalArgumentException("inputFeatures: the model takes " + metadata.inputFeatures()
                    + " (expected: " + expected + ")");
        }
    }

    private static void checkShape(MultiLayerNetwork net, ModelMetadata md) {
        long nIn = net.layerInputSize(0);
        long nOut = net.layerSize(net.getnLayers() - 1);
        if (nIn != md.inputFeatures().size()) {
            throw new IllegalArgumentException("network takes " + nIn + " inputs but the metadata names "
                    + md.inputFeatures().size() + " input features");
        }
        if (nOut != md.outputs().size()) {
            throw new IllegalArgumentException("network has " + nOut + " outputs but the metadata names "
                    + md.outputs().size() + " outputs");
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /** Rewrites a zip with entry times zeroed, so the same content always gives the same bytes. */
    private static byte[] normaliseZip(byte[] zipBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zipBytes));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) put(zip, e.getName(), in.readAllBytes());
        }
        return out.toByteArray();
    }

    /** Hex SHA-256 of {@code data}. */
    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
