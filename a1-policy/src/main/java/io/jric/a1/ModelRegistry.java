package io.jric.a1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.descriptor.ModelGate;
import io.jric.api.xapp.descriptor.ModelSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.descriptor.DescriptorParser;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.http.HttpProblem;
import io.jric.core.internal.xapp.XappManager;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.configuration.CacheConfiguration;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A1-ML: versioned ML models per (xApp, model): upload with checksum and optional signature,
 * activation (delivered to every instance of the xApp; if one rejects it, the previous version
 * stays active everywhere), rollback, and re-delivery of the active version when an instance
 * starts. State lives in grid caches and, written first, in files under {@code <storeDir>/models}.
 */
final class ModelRegistry {
    private static final Logger LOG = Logger.getLogger(ModelRegistry.class.getName());
    static final String CONTENT_CACHE = "a1.ml.content";
    static final String META_CACHE = "a1.ml.meta";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private final XappManager xapps;
    private final RicGrid grid;
    private final IgniteCache<String, byte[]> content;
    private final IgniteCache<String, String> meta;
    private final Path root;
    private final PublicKey trustedKey;
    private final Duration deliveryTimeout;

    ModelRegistry(RicGrid grid, XappManager xapps, A1Settings settings) {
        this.xapps = xapps;
        this.grid = grid;
        this.content = grid.ignite().getOrCreateCache(cache(CONTENT_CACHE, grid));
        this.meta = grid.ignite().getOrCreateCache(cache(META_CACHE, grid));
        this.root = settings.storeDir().resolve("models");
        this.trustedKey = settings.modelTrustedKey() == null ? null : readKey(settings.modelTrustedKey());
        this.deliveryTimeout = settings.deliveryTimeout().multipliedBy(5);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("A1-ML: cannot create " + root, e);
        }
        reloadIfGridEmpty();
    }

    private static <V> CacheConfiguration<String, V> cache(String name, RicGrid grid) {
        return new CacheConfiguration<String, V>(name).setCacheMode(CacheMode.PARTITIONED)
                .setBackups(grid.settings().backups()).setAtomicityMode(CacheAtomicityMode.ATOMIC)
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
                .setAffinity(new RendezvousAffinityFunction(false, 32));
    }

    private static PublicKey readKey(Path pem) {
        try (Reader r = Files.newBufferedReader(pem); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            if (!(o instanceof SubjectPublicKeyInfo)) {
                throw new IllegalArgumentException("a1.ml.trustedKey: " + pem + " holds no PEM public key");
            }
            return new JcaPEMKeyConverter().setProvider(BC).getPublicKey((SubjectPublicKeyInfo) o);
        } catch (IOException e) {
            throw new IllegalArgumentException("a1.ml.trustedKey: cannot read " + pem + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------ keys and files

    private static String versionKey(String xapp, String model, String version) {
        return xapp + "/" + model + "/" + version;
    }

    private static String modelKey(String xapp, String model) {
        return xapp + "/" + model;
    }

    private Path dir(String xapp, String model) {
        return root.resolve(FileStore.encode(xapp)).resolve(FileStore.encode(model));
    }

    private static void writeAtomically(Path target, byte[] bytes) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".tmp", ".part");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw HttpProblem.of(507, "Insufficient Storage", "A1-ML store: cannot write " + target + ": " + e.getMessage());
        }
    }

    private void reloadIfGridEmpty() {
        if (meta.size() > 0 || !Files.isDirectory(root)) return;
        int n = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".json") || name.startsWith(".")) continue;
                JsonNode m = JSON.readTree(Files.readString(f));
                if (name.equals("active.json") || name.equals(AUDIT_FILE) || name.equals(RETRAIN_POLICY_FILE)) {
                    meta.put(m.get("key").asText(), m.toString());
                } else {
                    Path bin = f.resolveSibling(name.substring(0, name.length() - 5) + ".bin");
                    String key = m.get("key").asText();
                    meta.put(key, m.toString());
                    content.put(key, Files.readAllBytes(bin));
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("A1-ML: cannot reload " + root, e);
        }
        if (n > 0) LOG.info("A1-ML: reloaded " + n + " model version(s) from " + root);
        // A canary whose judge was in a process of the grid that stopped has nobody to end it: the instances
        // started afresh with the active version only, so the record says it ended with the restart.
        for (javax.cache.Cache.Entry<String, String> e : meta.query(new org.apache.ignite.cache.query.ScanQuery<String, String>())) {
            if (!e.getKey().endsWith(AUDIT_SUFFIX)) continue;
            JsonNode rec = tree(e.getValue());
            JsonNode c = rec.get("canary");
            if (c != null && "running".equals(c.path("status").asText())) {
                String[] xm = e.getKey().substring(0, e.getKey().length() - AUDIT_SUFFIX.length()).split("/", 2);
                endCanaryRecord(xm[0], xm[1], "aborted", "the RIC restarted while the canary ran; the active version serves every cell",
                        null);
            }
        }
    }

    // ------------------------------------------------------------------------------ operations

    /** The descriptor's entry for the model (404 naming what is declared). */
    ModelSpec spec(String xapp, String model) {
        return declared(xapp, model);
    }

    /** The active version as the xApp would receive it, or null when none is active. */
    synchronized ModelEvent activeEvent(String xapp, String model) {
        ModelSpec spec = declared(xapp, model);
        JsonNode current = activeRecord(xapp, model);
        if (current == null || current.get("active").isNull()) return null;
        String v = current.get("active").asText();
        byte[] bytes = content.get(versionKey(xapp, model, v));
        return bytes == null ? null : new ModelEvent(model, v, formatOf(xapp, model, v, spec), spec.inputFeatures(), bytes);
    }

    /** The next free version id: one more than the largest numeric version kept (1 without one). */
    synchronized String nextVersion(String xapp, String model) {
        long max = 0;
        for (JsonNode v : describe(xapp, model).path("versions")) {
            String id = v.path("version").asText();
            if (id.matches("[0-9]{1,15}")) max = Math.max(max, Long.parseLong(id));
        }
        String next = Long.toString(max + 1);
        while (meta.containsKey(versionKey(xapp, model, next))) next = Long.toString(Long.parseLong(next) + 1);
        return next;
    }

    private ModelSpec declared(String xapp, String model) {
        XappDescriptor d;
        try {
            d = DescriptorParser.parse(xapps.get(xapp).descriptorJson(), null);
        } catch (NoSuchElementException e) {
            throw HttpProblem.notFound("xApp " + xapp + " is not installed");
        }
        for (ModelSpec m : d.models()) if (m.name().equals(model)) return m;
        List<String> names = new ArrayList<>();
        for (ModelSpec m : d.models()) names.add(m.name());
        throw HttpProblem.notFound("xApp " + xapp + " accepts no model \"" + model + "\" (its descriptor declares: "
                + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
    }

    /** Stores a new version after checking it against the xApp's descriptor, its checksum and signature. */
    synchronized ObjectNode upload(String xapp, String model, String version, byte[] bytes, String sha256,
                                   String format, String features, String signatureB64) {
        return upload(xapp, model, version, bytes, sha256, format, features, signatureB64, null, null);
    }

    /**
     * Stores a new version with its lineage: {@code lineageJson} (optional, the uploader's account of how
     * the version was made, see {@link Lineage}) completed by what the platform knows itself (time, size,
     * checksum, who uploaded, and what the bundle's own metadata says).
     */
    synchronized ObjectNode upload(String xapp, String model, String version, byte[] bytes, String sha256,
                                   String format, String features, String signatureB64, String lineageJson,
                                   String uploadedBy) {
        if (!version.matches("[A-Za-z0-9._-]{1,64}")) {
            throw HttpProblem.badRequest("version: \"" + version + "\" (expected: 1-64 of A-Z a-z 0-9 . _ -)");
        }
        ModelSpec spec = declared(xapp, model);
        if (bytes.length == 0) throw HttpProblem.badRequest("body: empty (expected: the model file)");
        ModelSpec.Format fmt = spec.format();
        if (format == null && isHdf5(bytes) && fmt != ModelSpec.Format.KERAS_H5) {
            // An .h5 file sent without ?format=: take it as Keras where the xApp accepts that, else say why not.
            if (!spec.accepts(ModelSpec.Format.KERAS_H5)) {
                throw HttpProblem.badRequest("body: an HDF5 (Keras .h5) file, but xApp " + xapp + " takes " + model
                        + " only as " + quoted(spec.formats()));
            }
            fmt = ModelSpec.Format.KERAS_H5;
        }
        if (format != null) {
            fmt = spec.formats().stream().filter(f -> f.jsonName().equals(format)).findFirst().orElseThrow(() ->
                    HttpProblem.badRequest("format: \"" + format + "\" (expected: " + quoted(spec.formats())
                            + ", what xApp " + xapp + " declares for " + model + ")"));
        }
        if (fmt == ModelSpec.Format.KERAS_H5 && !isHdf5(bytes)) {
            throw HttpProblem.badRequest("body: not an HDF5 file (expected: a Keras .h5 model, which starts with the "
                    + "HDF5 signature \\x89HDF\\r\\n\\x1a\\n)");
        }
        if (features != null && !List.of(features.split(",")).equals(spec.inputFeatures())) {
            throw HttpProblem.badRequest("inputFeatures: [" + features + "] (expected: " + spec.inputFeatures()
                    + ", in the order xApp " + xapp + " declares)");
        }
        String actual = sha256(bytes);
        if (sha256 == null) throw HttpProblem.badRequest("sha256: missing (expected: the hex SHA-256 of the body)");
        if (!actual.equalsIgnoreCase(sha256)) {
            throw HttpProblem.badRequest("sha256: " + sha256 + " (expected: " + actual + ", the SHA-256 of the body received)");
        }
        boolean signed = verifySignature(bytes, signatureB64);
        String key = versionKey(xapp, model, version);
        if (meta.containsKey(key)) {
            throw HttpProblem.conflict("version " + version + " of " + xapp + "/" + model + " exists already (versions are immutable)");
        }
        ObjectNode lineage = Lineage.parse(lineageJson, spec.inputFeatures(),
                parent -> meta.containsKey(versionKey(xapp, model, parent)));
        Lineage.fillFromBundle(lineage, bytes, fmt == ModelSpec.Format.DL4J, spec.inputFeatures());
        ObjectNode m = JSON.createObjectNode();
        m.put("key", key).put("xapp", xapp).put("model", model).put("version", version)
                .put("format", fmt.jsonName()).put("sha256", actual).put("bytes", bytes.length)
                .put("signed", signed).put("uploadedAtMs", System.currentTimeMillis())
                .put("uploadedBy", uploadedBy == null ? "anonymous" : uploadedBy);
        ArrayNode f = m.putArray("inputFeatures");
        spec.inputFeatures().forEach(f::add);
        m.set("lineage", lineage);
        Path d = dir(xapp, model);
        writeAtomically(d.resolve(FileStore.encode(version) + ".bin"), bytes);
        writeAtomically(d.resolve(FileStore.encode(version) + ".json"), m.toString().getBytes(StandardCharsets.UTF_8));
        content.put(key, bytes);
        meta.put(key, m.toString());
        return m;
    }

    private boolean verifySignature(byte[] bytes, String signatureB64) {
        if (signatureB64 == null) {
            if (trustedKey != null) {
                throw HttpProblem.badRequest("signature: missing (expected: a base64 signature of the model by the "
                        + "trusted key this RIC is configured with)");
            }
            return false;
        }
        if (trustedKey == null) {
            throw HttpProblem.badRequest("signature: given, but this RIC has no trusted key to check it (config a1.ml.trustedKey)");
        }
        try {
            String alg = trustedKey.getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            Signature s = Signature.getInstance(alg, BC);
            s.initVerify(trustedKey);
            s.update(bytes);
            if (!s.verify(Base64.getDecoder().decode(signatureB64))) {
                throw HttpProblem.badRequest("signature: does not verify against the trusted key");
            }
            return true;
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("signature: not base64: " + e.getMessage());
        } catch (java.security.GeneralSecurityException e) {
            throw HttpProblem.badRequest("signature: cannot be checked: " + e.getMessage());
        }
    }

    /** One version's record: checksum, size, format, lineage and, once it went through one, the gate's figures. */
    ObjectNode version(String xapp, String model, String version) {
        declared(xapp, model);
        String m = meta.get(versionKey(xapp, model, version));
        if (m == null) throw HttpProblem.notFound("no version " + version + " of " + xapp + "/" + model);
        ObjectNode out = (ObjectNode) tree(m);
        JsonNode active = activeRecord(xapp, model);
        out.put("active", active != null && version.equals(active.path("active").asText(null)));
        return out;
    }

    /** The versions of a model, the active one and the activation history. */
    ObjectNode describe(String xapp, String model) {
        declared(xapp, model);
        ObjectNode out = JSON.createObjectNode();
        out.put("xapp", xapp).put("model", model);
        ArrayNode versions = out.putArray("versions");
        String prefix = modelKey(xapp, model) + "/";
        List<JsonNode> all = new ArrayList<>();
        for (javax.cache.Cache.Entry<String, String> e : meta.query(new org.apache.ignite.cache.query.ScanQuery<String, String>())) {
            if (e.getKey().startsWith(prefix)) all.add(tree(e.getValue()));
        }
        all.sort((a, b) -> Long.compare(a.get("uploadedAtMs").asLong(), b.get("uploadedAtMs").asLong()));
        all.forEach(versions::add);
        JsonNode active = activeRecord(xapp, model);
        out.set("active", active == null ? null : active.get("active"));
        out.set("history", active == null ? JSON.createArrayNode() : active.get("history"));
        JsonNode audit = auditRecord(xapp, model);
        out.set("canary", audit == null ? null : audit.get("canary"));
        ArrayNode recent = out.putArray("audit");
        if (audit != null) {
            JsonNode entries = audit.get("entries");
            for (int i = Math.max(0, entries.size() - 20); i < entries.size(); i++) recent.add(entries.get(i));
        }
        return out;
    }

    private JsonNode activeRecord(String xapp, String model) {
        String a = meta.get(modelKey(xapp, model));
        return a == null ? null : tree(a);
    }

    /**
     * Activates a version: every instance of the xApp must take it. If one rejects it, the
     * instances that took it get the previous version back and the answer names the rejection.
     */
    synchronized ObjectNode activate(String xapp, String model, String version, boolean rollback) {
        return activate(xapp, model, version, rollback, false);
    }

    /**
     * As {@link #activate(String, String, String, boolean)}; {@code force} passes a gated model's version without
     * evaluating it (the operator's explicit choice, recorded with the version as {@code gate.decision: forced}).
     */
    synchronized ObjectNode activate(String xapp, String model, String version, boolean rollback, boolean force) {
        JsonNode c = runningCanary(xapp, model);
        ObjectNode out = activate(xapp, model, version, rollback, force, false);
        if (c != null) {
            endCanaryRecord(xapp, model, "superseded", "version " + version + " was " + (rollback ? "rolled back to" : "activated")
                    + " by the operator while the canary of version " + c.get("version").asText() + " ran", null);
        }
        return out;
    }

    /** As above; {@code gated}: the version went through the gate already (a canary being promoted). */
    private ObjectNode activate(String xapp, String model, String version, boolean rollback, boolean force, boolean gated) {
        ModelSpec spec = declared(xapp, model);
        String key = versionKey(xapp, model, version);
        byte[] bytes = content.get(key);
        if (bytes == null) throw HttpProblem.notFound("no version " + version + " of " + xapp + "/" + model);
        JsonNode current = activeRecord(xapp, model);
        String previous = current == null || current.get("active").isNull() ? null : current.get("active").asText();
        if (!gated && !rollback && !version.equals(previous)) gateOrForce(xapp, model, version, spec, bytes, previous, force);
        Map<String, String> answers = xapps.deliverModel(xapp,
                new ModelEvent(model, version, formatOf(xapp, model, version, spec), spec.inputFeatures(), bytes), deliveryTimeout);
        Map<String, String> rejected = new java.util.TreeMap<>();
        answers.forEach((inst, why) -> {
            if (why != null) rejected.put(inst, why);
        });
        if (!rejected.isEmpty()) {
            if (previous != null) {
                byte[] old = content.get(versionKey(xapp, model, previous));
                if (old != null) {
                    xapps.deliverModel(xapp, new ModelEvent(model, previous, formatOf(xapp, model, previous, spec),
                            spec.inputFeatures(), old), deliveryTimeout);
                }
            }
            throw HttpProblem.of(422, "Unprocessable Entity", "xApp " + xapp + " rejected version " + version + " of "
                    + model + "; " + (previous == null ? "no version is active" : "version " + previous + " stays active")
                    + ": " + rejected).with("rejections", rejected);
        }
        ObjectNode rec = JSON.createObjectNode();
        rec.put("key", modelKey(xapp, model)).put("active", version).put("activatedAtMs", System.currentTimeMillis());
        ArrayNode history = rec.putArray("history");
        if (current != null) {
            current.get("history").forEach(history::add);
            if (rollback && history.size() > 0) {
                history.remove(history.size() - 1);
            } else if (previous != null) {
                history.add(previous);
            }
        }
        writeAtomically(dir(xapp, model).resolve("active.json"), rec.toString().getBytes(StandardCharsets.UTF_8));
        meta.put(modelKey(xapp, model), rec.toString());
        ObjectNode out = describe(xapp, model);
        out.put("instances", answers.size());
        return out;
    }

    /** The validation gate for a version about to serve (422 when it refuses), or its forced passage recorded. */
    private void gateOrForce(String xapp, String model, String version, ModelSpec spec, byte[] bytes, String previous, boolean force) {
        if (!spec.gate().isPresent() || !hasExperience(xapp)) return;
        if (force) {
            recordGate(xapp, model, version, JSON.createObjectNode().put("decision", "forced")
                    .put("evaluatedAtMs", System.currentTimeMillis())
                    .put("reason", "passed with force: true; not evaluated (active was " + previous + ")"));
            LOG.warning("A1-ML: version " + version + " of " + xapp + "/" + model + " forced past the validation gate");
            audit(xapp, model, "gate-forced", version, "the operator passed it with force: true; not evaluated", null);
        } else {
            try {
                gate(xapp, model, version, spec, bytes, previous);
            } catch (HttpProblem refused) {
                audit(xapp, model, "gate-refused", version, refused.detail(), tree(meta.get(versionKey(xapp, model, version))).get("gate"));
                throw refused;
            }
            JsonNode passed = tree(meta.get(versionKey(xapp, model, version))).get("gate");
            if (passed != null && "passed".equals(passed.path("decision").asText())) {
                String metric = passed.path("metric").asText();
                audit(xapp, model, "gate-passed", version, String.format(java.util.Locale.ROOT, "%s %.4g%s on %d held-out rows; robustness passed",
                        metric, passed.path("candidate").path("metrics").path(metric).asDouble(Double.NaN),
                        passed.path("active").isObject() ? String.format(java.util.Locale.ROOT, " against %.4g of active version %s (improvement %.1f %%)",
                                passed.path("active").path("metrics").path(metric).asDouble(Double.NaN), previous,
                                passed.path("improvementPct").asDouble(Double.NaN)) : "",
                        passed.path("rowsHeldOut").asInt()), passed);
            }
        }
    }

    private boolean hasExperience(String xapp) {
        try {
            return DescriptorParser.parse(xapps.get(xapp).descriptorJson(), null).experience().isPresent();
        } catch (NoSuchElementException e) {
            return false;
        }
    }

    /**
     * The validation gate: scores the candidate and the active version on held-out experience; keeps the
     * figures with the candidate's record (file first, then the grid) and refuses it (422 with the figures)
     * unless it passed. Nothing is delivered before it passed, so the active version keeps serving.
     */
    private void gate(String xapp, String model, String version, ModelSpec spec, byte[] bytes, String previous) {
        ModelEvent candidate = new ModelEvent(model, version, formatOf(xapp, model, version, spec), spec.inputFeatures(), bytes);
        ModelEvent active = null;
        if (previous != null) {
            byte[] old = content.get(versionKey(xapp, model, previous));
            if (old != null) active = new ModelEvent(model, previous, formatOf(xapp, model, previous, spec), spec.inputFeatures(), old);
        }
        ModelGate g = spec.gate().get();
        ObjectNode figures;
        if (active == null && g.absoluteBar() == null) {
            // The first version: nothing to beat and no bar declared; it is recorded as not gated.
            figures = JSON.createObjectNode().put("decision", "skipped").put("evaluatedAtMs", System.currentTimeMillis())
                    .put("reason", "no version is active and the gate declares no absoluteBar: nothing to compare with");
        } else {
            figures = ValidationGate.evaluate(xapps, xapp, g, candidate, active);
        }
        recordGate(xapp, model, version, figures);
        if ("refused".equals(figures.get("decision").asText())) {
            List<String> reasons = new ArrayList<>();
            figures.get("reasons").forEach(r -> reasons.add(r.asText()));
            LOG.info("A1-ML: the validation gate refused version " + version + " of " + xapp + "/" + model + ": " + reasons);
            throw HttpProblem.of(422, "Unprocessable Entity", "the validation gate refused version " + version + " of " + xapp + "/"
                    + model + "; " + (previous == null ? "no version is active" : "version " + previous + " stays active") + ": "
                    + String.join("; ", reasons)).with("gate", JSON.convertValue(figures, Map.class));
        }
        LOG.info("A1-ML: validation gate for version " + version + " of " + xapp + "/" + model + ": " + figures.get("decision").asText()
                + " " + figures.path("metric").asText("") + " " + figures.path("candidate").path("metrics").path(figures.path("metric").asText(""))
                + " against " + figures.path("active").path("metrics").path(figures.path("metric").asText("")));
    }

    /** Keeps the gate's figures with the version's record: file first, then the grid. */
    private void recordGate(String xapp, String model, String version, ObjectNode figures) {
        String key = versionKey(xapp, model, version);
        ObjectNode rec = (ObjectNode) tree(meta.get(key));
        rec.set("gate", figures);
        writeAtomically(dir(xapp, model).resolve(FileStore.encode(version) + ".json"), rec.toString().getBytes(StandardCharsets.UTF_8));
        meta.put(key, rec.toString());
    }

    /** Activates the version that was active before the current one. */
    synchronized ObjectNode rollback(String xapp, String model) {
        declared(xapp, model);
        JsonNode current = activeRecord(xapp, model);
        if (current == null || current.get("history").isEmpty()) {
            throw HttpProblem.conflict("no earlier version of " + xapp + "/" + model + " to roll back to");
        }
        JsonNode history = current.get("history");
        return activate(xapp, model, history.get(history.size() - 1).asText(), true);
    }

    /** Deletes a version that is not active. */
    synchronized void delete(String xapp, String model, String version) {
        declared(xapp, model);
        String key = versionKey(xapp, model, version);
        if (!meta.containsKey(key)) throw HttpProblem.notFound("no version " + version + " of " + xapp + "/" + model);
        JsonNode current = activeRecord(xapp, model);
        if (current != null && version.equals(current.get("active").asText())) {
            throw HttpProblem.conflict("version " + version + " is active; activate another one first");
        }
        meta.remove(key);
        content.remove(key);
        try {
            Files.deleteIfExists(dir(xapp, model).resolve(FileStore.encode(version) + ".json"));
            Files.deleteIfExists(dir(xapp, model).resolve(FileStore.encode(version) + ".bin"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Called when an instance of the xApp starts: hands it the active version of each of its models. */
    void xappStarted(String xapp) {
        XappDescriptor d;
        try {
            d = DescriptorParser.parse(xapps.get(xapp).descriptorJson(), null);
        } catch (NoSuchElementException e) {
            return;
        }
        for (ModelSpec spec : d.models()) {
            JsonNode a = activeRecord(xapp, spec.name());
            if (a == null || a.get("active").isNull()) continue;
            String version = a.get("active").asText();
            byte[] bytes = content.get(versionKey(xapp, spec.name(), version));
            if (bytes == null) continue;
            Map<String, String> r = xapps.deliverModel(xapp, new ModelEvent(spec.name(), version,
                    formatOf(xapp, spec.name(), version, spec), spec.inputFeatures(), bytes), deliveryTimeout);
            r.forEach((inst, why) -> {
                if (why != null) LOG.warning("A1-ML: instance " + inst + " rejected active model " + spec.name() + " " + version + ": " + why);
            });
        }
    }

    // ------------------------------------------------------------------------------ canaries and the audit log

    static final String AUDIT_FILE = "audit.json";
    private static final String AUDIT_SUFFIX = "#audit";
    /** Audit entries kept per model (the oldest go first). */
    static final int MAX_AUDIT = 200;
    /** Series after the start the judgement leaves out: the first report periods still show the old power. */
    private static final long SETTLE_MS = 2_000;

    private final java.util.concurrent.ScheduledExecutorService judges = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "a1-ml-canary");
        t.setDaemon(true);
        return t;
    });

    /** Stops the canaries' judge (running canaries stay as recorded; see {@link #reloadIfGridEmpty}). */
    void close() {
        judges.shutdownNow();
    }

    private static String auditKey(String xapp, String model) {
        return modelKey(xapp, model) + AUDIT_SUFFIX;
    }

    private JsonNode auditRecord(String xapp, String model) {
        String a = meta.get(auditKey(xapp, model));
        return a == null ? null : tree(a);
    }

    private JsonNode runningCanary(String xapp, String model) {
        JsonNode a = auditRecord(xapp, model);
        JsonNode c = a == null ? null : a.get("canary");
        return c != null && "running".equals(c.path("status").asText()) ? c : null;
    }

    /** Writes the model's audit record (the canary's state and the log): file first, then the grid. */
    private synchronized void writeAudit(String xapp, String model, java.util.function.Consumer<ObjectNode> change) {
        JsonNode old = auditRecord(xapp, model);
        ObjectNode rec = old == null ? JSON.createObjectNode().put("key", auditKey(xapp, model)) : (ObjectNode) old;
        if (!rec.has("entries")) rec.putArray("entries");
        change.accept(rec);
        ArrayNode entries = (ArrayNode) rec.get("entries");
        while (entries.size() > MAX_AUDIT) entries.remove(0);
        writeAtomically(dir(xapp, model).resolve(AUDIT_FILE), rec.toString().getBytes(StandardCharsets.UTF_8));
        meta.put(auditKey(xapp, model), rec.toString());
    }

    /** One step of a model's life, with its figures, in its audit log. */
    void audit(String xapp, String model, String event, String version, String reason, JsonNode figures) {
        writeAudit(xapp, model, rec -> {
            ObjectNode e = ((ArrayNode) rec.get("entries")).addObject();
            e.put("atMs", System.currentTimeMillis()).put("event", event).put("version", version).put("reason", reason);
            if (figures != null) e.set("figures", figures);
        });
        LOG.info("A1-ML audit " + xapp + "/" + model + ": " + event + " " + version + ": " + reason);
    }

    /** The newest audit entries of every model, newest first; at most {@code max}. */
    List<A1Service.ModelAuditView> recentAudit(int max) {
        List<A1Service.ModelAuditView> out = new ArrayList<>();
        for (javax.cache.Cache.Entry<String, String> e : meta.query(new org.apache.ignite.cache.query.ScanQuery<String, String>())) {
            if (!e.getKey().endsWith(AUDIT_SUFFIX)) continue;
            String[] xm = e.getKey().substring(0, e.getKey().length() - AUDIT_SUFFIX.length()).split("/", 2);
            for (JsonNode a : tree(e.getValue()).path("entries")) {
                out.add(new A1Service.ModelAuditView(xm[0], xm[1], a.path("atMs").asLong(), a.path("event").asText(),
                        a.path("version").asText(), a.path("reason").asText()));
            }
        }
        out.sort(java.util.Comparator.comparingLong(A1Service.ModelAuditView::atMs).reversed());
        return out.size() > max ? new ArrayList<>(out.subList(0, max)) : out;
    }

    /** The model's audit log, oldest first (at most {@link #MAX_AUDIT} entries). */
    ObjectNode auditLog(String xapp, String model) {
        declared(xapp, model);
        JsonNode a = auditRecord(xapp, model);
        ObjectNode out = JSON.createObjectNode().put("xapp", xapp).put("model", model);
        out.set("canary", a == null ? null : a.get("canary"));
        out.set("entries", a == null ? JSON.createArrayNode() : a.get("entries"));
        return out;
    }

    /**
     * Starts a canary: the version (through the validation gate unless forced) serves the plan's share of the
     * cells while the active one serves the rest; a judge compares them on the plan's KPIs over its window and
     * rolls the version back as soon as it does worse than the bounds, or promotes it at the end. 409 when no
     * version is active, a canary runs already, or the share leaves a side without reporting cells; 422 when the
     * gate refuses or an instance rejects it (nothing changes then).
     */
    synchronized ObjectNode startCanary(String xapp, String model, CanaryPlan plan) {
        ModelSpec spec = declared(xapp, model);
        String version = plan.version();
        byte[] bytes = content.get(versionKey(xapp, model, version));
        if (bytes == null) throw HttpProblem.notFound("no version " + version + " of " + xapp + "/" + model);
        JsonNode current = activeRecord(xapp, model);
        String active = current == null || current.get("active").isNull() ? null : current.get("active").asText();
        if (active == null) throw HttpProblem.conflict("no version of " + xapp + "/" + model + " is active: a canary is judged against the active one; activate one first");
        if (active.equals(version)) throw HttpProblem.conflict("version " + version + " is already active");
        JsonNode running = runningCanary(xapp, model);
        if (running != null) {
            throw HttpProblem.conflict("the canary of version " + running.get("version").asText() + " is running; stop it first (DELETE .../canary)");
        }
        // Which cells report, and which of them the canary would serve.
        long kpmNow = kpmClock();
        if (kpmNow < 0) throw HttpProblem.conflict("no cell reports KPM yet: a canary needs cells to compare");
        String salt = xapp + "/" + model + "/" + version;
        List<String> cells = new ArrayList<>();
        for (List<?> r : grid.sql("SELECT DISTINCT cellId FROM CELL_SAMPLE WHERE timestampMs > ?", kpmNow - plan.baselineS() * 1000L)) {
            cells.add(String.valueOf(r.get(0)));
        }
        List<String> inside = cells.stream().filter(c -> ModelEvent.inCanary(salt, plan.share(), c)).sorted().toList();
        if (inside.isEmpty() || inside.size() == cells.size()) {
            throw HttpProblem.conflict("share " + plan.share() + " puts " + inside.size() + " of the " + cells.size()
                    + " reporting cells in the canary: it needs cells on both sides; change the share");
        }
        gateOrForce(xapp, model, version, spec, bytes, active, plan.force());
        ModelEvent event = new ModelEvent(model, version, formatOf(xapp, model, version, spec), spec.inputFeatures(), bytes)
                .asCanary(plan.share(), salt);
        Map<String, String> answers = xapps.deliverModel(xapp, event, deliveryTimeout);
        Map<String, String> rejected = new java.util.TreeMap<>();
        answers.forEach((inst, why) -> {
            if (why != null) rejected.put(inst, why);
        });
        if (!rejected.isEmpty()) {
            redeliverActive(xapp, model, spec, active);
            audit(xapp, model, "canary-rejected", version, "instances rejected the canary: " + rejected, null);
            throw HttpProblem.of(422, "Unprocessable Entity", "xApp " + xapp + " rejected the canary of version " + version + " of "
                    + model + "; version " + active + " serves every cell: " + rejected).with("rejections", rejected);
        }
        long now = System.currentTimeMillis();
        ObjectNode c = JSON.createObjectNode();
        c.put("version", version).put("active", active).put("status", "running").put("salt", salt)
                .put("startedAtMs", now).put("endsAtMs", now + plan.durationS() * 1000L).put("kpmStartMs", kpmNow);
        c.set("plan", plan.toJson());
        ArrayNode ci = c.putArray("canaryCells");
        inside.forEach(ci::add);
        c.put("otherCells", cells.size() - inside.size());
        writeAudit(xapp, model, rec -> rec.set("canary", c));
        audit(xapp, model, "canary-started", version, String.format(java.util.Locale.ROOT,
                "serves %d of %d cells (share %.2f) for %d s against version %s", inside.size(), cells.size(), plan.share(),
                plan.durationS(), active), plan.toJson());
        long every = Math.max(1, Math.min(10, plan.durationS() / 5));
        judges.schedule(() -> judge(xapp, model, version, every), every, java.util.concurrent.TimeUnit.SECONDS);
        ObjectNode out = describe(xapp, model);
        out.put("instances", answers.size());
        return out;
    }

    /** The newest KPM sample's time (the nodes' clock), or -1 without samples. */
    private long kpmClock() {
        List<List<?>> r = grid.sql("SELECT MAX(timestampMs) FROM CELL_SAMPLE");
        Object v = r.isEmpty() || r.get(0).isEmpty() ? null : r.get(0).get(0);
        return v == null ? -1 : ((Number) v).longValue();
    }

    /** One look at a running canary: roll back when it degrades, promote at the end, else look again later. */
    private void judge(String xapp, String model, String version, long everyS) {
        try {
            JsonNode c = runningCanary(xapp, model);
            if (c == null || !version.equals(c.get("version").asText())) return;  // ended (stopped, superseded)
            CanaryPlan plan = CanaryPlan.fromJson(c.get("plan"));
            long start = c.get("kpmStartMs").asLong();
            Map<String, List<CanaryPlan.CellMean>> before = new java.util.HashMap<>();
            Map<String, List<CanaryPlan.CellMean>> during = new java.util.HashMap<>();
            for (CanaryPlan.Kpi k : plan.kpis()) {
                before.put(k.name(), means(k.name(), start - plan.baselineS() * 1000L, start));
                during.put(k.name(), means(k.name(), start + SETTLE_MS, Long.MAX_VALUE));
            }
            String salt = c.get("salt").asText();
            ObjectNode figures = JSON.createObjectNode();
            CanaryPlan.Verdict v = plan.judge(before, during, cell -> ModelEvent.inCanary(salt, plan.share(), cell), figures);
            boolean over = System.currentTimeMillis() >= c.get("endsAtMs").asLong();
            if (v == CanaryPlan.Verdict.DEGRADED) {
                rollbackCanary(xapp, model, version, "degraded: " + String.join("; ", textList(figures.get("reasons"))), figures);
            } else if (over && v == CanaryPlan.Verdict.INCONCLUSIVE) {
                rollbackCanary(xapp, model, version, "inconclusive at the end of its window: "
                        + String.join("; ", textList(figures.get("reasons"))), figures);
            } else if (over) {
                promoteCanary(xapp, model, version, figures);
            } else {
                writeAudit(xapp, model, rec -> ((ObjectNode) rec.get("canary")).set("lastJudgement", figures.put("atMs", System.currentTimeMillis())));
                judges.schedule(() -> judge(xapp, model, version, everyS), everyS, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (RuntimeException e) {
            LOG.log(java.util.logging.Level.WARNING, "A1-ML: judging the canary of " + xapp + "/" + model + " " + version + " failed", e);
            try {
                rollbackCanary(xapp, model, version, "the judge failed: " + e, null);
            } catch (RuntimeException again) {
                LOG.log(java.util.logging.Level.WARNING, "A1-ML: rolling back the canary of " + xapp + "/" + model + " failed", again);
            }
        }
    }

    private static List<String> textList(JsonNode a) {
        List<String> out = new ArrayList<>();
        if (a != null) a.forEach(x -> out.add(x.asText()));
        return out;
    }

    /** Each cell's sample count and mean of one KPI over (from, to] of the nodes' clock. */
    private List<CanaryPlan.CellMean> means(String kpi, long from, long to) {
        if (!CanaryPlan.KPIS.contains(kpi)) throw new IllegalArgumentException("kpi " + kpi);  // a column name, never input text
        List<CanaryPlan.CellMean> out = new ArrayList<>();
        for (List<?> r : grid.sql("SELECT cellId, COUNT(*), AVG(CAST(" + kpi + " AS DOUBLE)) FROM CELL_SAMPLE"
                + " WHERE timestampMs > ? AND timestampMs <= ? GROUP BY cellId", from, to)) {
            if (r.get(2) == null) continue;
            out.add(new CanaryPlan.CellMean(String.valueOf(r.get(0)), ((Number) r.get(1)).longValue(), ((Number) r.get(2)).doubleValue()));
        }
        return out;
    }

    /** Ends a running canary: the active version serves every cell again. */
    synchronized ObjectNode stopCanary(String xapp, String model) {
        declared(xapp, model);
        JsonNode c = runningCanary(xapp, model);
        if (c == null) throw HttpProblem.conflict("no canary of " + xapp + "/" + model + " is running");
        rollbackCanary(xapp, model, c.get("version").asText(), "stopped by the operator", null);
        return describe(xapp, model);
    }

    private synchronized void rollbackCanary(String xapp, String model, String version, String reason, JsonNode figures) {
        JsonNode c = runningCanary(xapp, model);
        if (c == null || !version.equals(c.get("version").asText())) return;
        redeliverActive(xapp, model, declared(xapp, model), c.get("active").asText());
        endCanaryRecord(xapp, model, "rolled-back", reason, figures);
    }

    private synchronized void promoteCanary(String xapp, String model, String version, JsonNode figures) {
        JsonNode c = runningCanary(xapp, model);
        if (c == null || !version.equals(c.get("version").asText())) return;
        try {
            activate(xapp, model, version, false, false, true);
        } catch (HttpProblem e) {  // an instance rejected it as the version of every cell: the old one serves on
            endCanaryRecord(xapp, model, "rolled-back", "promotion failed: " + e.detail(), figures);
            return;
        }
        endCanaryRecord(xapp, model, "promoted", "no KPI worse than its bound over the window", figures);
    }

    /** Marks the canary ended (status, time, reason, figures) and logs it. */
    private void endCanaryRecord(String xapp, String model, String status, String reason, JsonNode figures) {
        String[] version = new String[1];
        writeAudit(xapp, model, rec -> {
            ObjectNode c = (ObjectNode) rec.get("canary");
            if (c == null) return;
            version[0] = c.path("version").asText();
            c.put("status", status).put("endedAtMs", System.currentTimeMillis()).put("reason", reason);
            if (figures != null) c.set("finalJudgement", figures);
        });
        if (version[0] != null) audit(xapp, model, "canary-" + status, version[0], reason, figures);
    }

    /** The active version, delivered to every instance as the version of every cell (ends a canary there). */
    private void redeliverActive(String xapp, String model, ModelSpec spec, String active) {
        byte[] old = content.get(versionKey(xapp, model, active));
        if (old == null) return;
        Map<String, String> r = xapps.deliverModel(xapp, new ModelEvent(model, active, formatOf(xapp, model, active, spec),
                spec.inputFeatures(), old), deliveryTimeout);
        r.forEach((inst, why) -> {
            if (why != null) LOG.warning("A1-ML: instance " + inst + " rejected the active version " + active + " of " + model + ": " + why);
        });
    }

    /** The format a version was uploaded in (records from before per-version formats: the model's own format). */
    private String formatOf(String xapp, String model, String version, ModelSpec spec) {
        String m = meta.get(versionKey(xapp, model, version));
        JsonNode f = m == null ? null : tree(m).get("format");
        return f != null && f.isTextual() ? f.asText() : spec.format().jsonName();
    }

    private static String quoted(List<ModelSpec.Format> formats) {
        List<String> q = new ArrayList<>();
        for (ModelSpec.Format f : formats) q.add("\"" + f.jsonName() + "\"");
        return (q.size() == 1 ? "" : "one of ") + String.join(", ", q);
    }

    /** Whether {@code b} starts with the HDF5 format signature (a Keras .h5 file does). */
    static boolean isHdf5(byte[] b) {
        byte[] sig = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
        if (b.length < sig.length) return false;
        for (int i = 0; i < sig.length; i++) if (b[i] != sig[i]) return false;
        return true;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode tree(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------ retraining triggers (issue #15, item 3)

    static final String RETRAIN_POLICY_FILE = "retrain-policy.json";
    private static final String RETRAIN_POLICY_SUFFIX = "#retrain-policy";

    /** The model's retraining policy (schedule, drift), or null. */
    JsonNode retrainPolicy(String xapp, String model) {
        declared(xapp, model);
        String p = meta.get(modelKey(xapp, model) + RETRAIN_POLICY_SUFFIX);
        return p == null ? null : tree(p);
    }

    /** Keeps the model's retraining policy: file first, then the grid. */
    synchronized void putRetrainPolicy(String xapp, String model, ObjectNode policy) {
        declared(xapp, model);
        policy.put("key", modelKey(xapp, model) + RETRAIN_POLICY_SUFFIX);
        writeAtomically(dir(xapp, model).resolve(RETRAIN_POLICY_FILE), policy.toString().getBytes(StandardCharsets.UTF_8));
        meta.put(modelKey(xapp, model) + RETRAIN_POLICY_SUFFIX, policy.toString());
    }

    /** Removes the model's retraining policy; whether there was one. */
    synchronized boolean deleteRetrainPolicy(String xapp, String model) {
        declared(xapp, model);
        try {
            Files.deleteIfExists(dir(xapp, model).resolve(RETRAIN_POLICY_FILE));
        } catch (IOException e) {
            throw HttpProblem.of(507, "Insufficient Storage", "A1-ML store: cannot delete the retraining policy: " + e.getMessage());
        }
        return meta.remove(modelKey(xapp, model) + RETRAIN_POLICY_SUFFIX);
    }

    /** Every model's retraining policy, by {@code {xapp, model}}. */
    Map<List<String>, JsonNode> retrainPolicies() {
        Map<List<String>, JsonNode> out = new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
        for (javax.cache.Cache.Entry<String, String> e : meta.query(new org.apache.ignite.cache.query.ScanQuery<String, String>())) {
            if (!e.getKey().endsWith(RETRAIN_POLICY_SUFFIX)) continue;
            String[] xm = e.getKey().substring(0, e.getKey().length() - RETRAIN_POLICY_SUFFIX.length()).split("/", 2);
            out.put(List.of(xm[0], xm[1]), tree(e.getValue()));
        }
        return out;
    }

    /** An entry in the model's audit log from the retraining triggers. */
    void auditRetrain(String xapp, String model, String event, String version, String reason, JsonNode figures) {
        audit(xapp, model, event, version == null ? "" : version, reason, figures);
    }
}
