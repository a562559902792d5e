package io.jric.core.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import io.jric.api.xapp.descriptor.ConfigSpec;
import io.jric.api.xapp.descriptor.ControlAction;
import io.jric.api.xapp.descriptor.ControlSpec;
import io.jric.api.xapp.descriptor.Deployment;
import io.jric.api.xapp.descriptor.DescriptorException;
import io.jric.api.xapp.descriptor.DescriptorProblem;
import io.jric.api.xapp.descriptor.Entry;
import io.jric.api.xapp.descriptor.ExperienceSpec;
import io.jric.api.xapp.descriptor.HandlerSpec;
import io.jric.api.xapp.descriptor.ModelGate;
import io.jric.api.xapp.descriptor.ModelSpec;
import io.jric.api.xapp.descriptor.PolicyTypeSpec;
import io.jric.api.xapp.descriptor.SubscriptionSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads and checks xApp descriptors ({@code xapp.json}, schema version "1").
 *
 * <p>Checking runs in two passes and reports every problem found, not only the first: a structural
 * pass against {@code xapp-descriptor-v1.schema.json} (types, ranges, patterns, required and unknown
 * fields, with a did-you-mean for misspelt ones), then the rules that span fields: placement versus
 * instances, scope per control action, {@code min <= max}, unique actions / policy type ids / model
 * names, supported SDK API version, the jar file exists, referenced schema files exist and are JSON,
 * embedded JSON Schemas are valid and compile, and default policy instances and config values satisfy
 * their schemas. Each problem names the field as a JSON pointer and says what was found and what is
 * expected.
 *
 * <p>Thread-safe; all methods are static.
 */
public final class DescriptorParser {
    /** The conventional descriptor file name. */
    public static final String DESCRIPTOR_FILE_NAME = "xapp.json";
    /** The descriptor schema's {@code $id}. */
    public static final String SCHEMA_ID = "https://jric.io/schemas/xapp-descriptor/v1";
    /** Class-path resource of the descriptor schema. */
    public static final String SCHEMA_RESOURCE = "/io/jric/core/internal/descriptor/xapp-descriptor-v1.schema.json";
    /** The xApp SDK API versions this RIC runs. */
    public static final Set<String> SUPPORTED_SDK_API_VERSIONS = Set.of("1");

    /** Whether {@code entry.jar} must exist when the descriptor is read. */
    public enum JarCheck {
        /** The jar must exist (resolved against the descriptor's directory, when known). */
        REQUIRED,
        /**
         * The jar is not looked for: for build-time checks of descriptors whose jar is built later in
         * the reactor.
         */
        SKIPPED
    }

    private static final String SCHEMA_TEXT;
    private static final JsonNode SCHEMA_NODE;
    private static final JsonSchema SCHEMA;

    static {
        try (InputStream in = DescriptorParser.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing class-path resource " + SCHEMA_RESOURCE);
            SCHEMA_TEXT = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            SCHEMA_NODE = Json.readTrusted(SCHEMA_TEXT);
            SCHEMA = Schemas.compile(SCHEMA_NODE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DescriptorParser() {}

    /** The descriptor JSON Schema (draft 2020-12), as shipped in this jar. */
    public static String schemaText() {
        return SCHEMA_TEXT;
    }

    /**
     * Reads and checks a descriptor file; relative paths in it (jar, schema files) are resolved
     * against the file's directory and the jar must exist.
     *
     * @param file the descriptor, usually named {@value #DESCRIPTOR_FILE_NAME}
     * @return the descriptor, with every referenced schema inlined
     * @throws DescriptorException listing every problem (an unreadable file is a problem at {@code /})
     */
    public static XappDescriptor parse(Path file) {
        return parse(file, JarCheck.REQUIRED);
    }

    /**
     * Reads and checks a descriptor file.
     *
     * @param file the descriptor
     * @param jarCheck whether {@code entry.jar} must exist
     * @return the descriptor, with every referenced schema inlined
     * @throws DescriptorException listing every problem
     */
    public static XappDescriptor parse(Path file, JarCheck jarCheck) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DescriptorException(file.toString(), List.of(new DescriptorProblem("/",
                    "cannot read the file: " + e + " (expected: a readable UTF-8 JSON file)")));
        }
        return parse(text, file.toAbsolutePath().getParent(), jarCheck, file.toString());
    }

    /**
     * Checks descriptor text.
     *
     * @param json the descriptor JSON
     * @param baseDir directory that relative paths are resolved against, or null: then a relative
     *     schema path is a problem naming its field, and a relative jar path is not looked for
     * @return the descriptor, with every referenced schema inlined
     * @throws DescriptorException listing every problem
     */
    public static XappDescriptor parse(String json, Path baseDir) {
        return parse(json, baseDir, JarCheck.REQUIRED, null);
    }

    /**
     * Checks descriptor text.
     *
     * @param json the descriptor JSON
     * @param baseDir directory that relative paths are resolved against, or null (see {@link #parse(String, Path)})
     * @param jarCheck whether {@code entry.jar} must exist
     * @return the descriptor, with every referenced schema inlined
     * @throws DescriptorException listing every problem
     */
    public static XappDescriptor parse(String json, Path baseDir, JarCheck jarCheck) {
        return parse(json, baseDir, jarCheck, null);
    }

    /**
     * A self-contained, canonical descriptor: every field written out (defaults included), schemas
     * inline, {@code entry.jar} as given. Parsing the result with no base directory gives an equal
     * descriptor.
     *
     * @param d a descriptor
     * @return indented JSON text ending in a newline
     */
    public static String toJson(XappDescriptor d) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("schemaVersion", d.schemaVersion());
        o.put("name", d.name());
        o.put("version", d.version());
        o.put("vendor", d.vendor());
        o.put("sdkApiVersion", d.sdkApiVersion());
        d.description().ifPresent(s -> o.put("description", s));
        ObjectNode entry = o.putObject("entry");
        entry.put("provider", d.entry().provider());
        d.entry().jarPath().ifPresent(p -> entry.put("jar", p.toString().replace('\\', '/')));
        o.put("priority", d.priority());
        ObjectNode dep = o.putObject("deployment");
        dep.put("instances", d.deployment().instances());
        dep.put("maxPerNode", d.deployment().maxPerNode());
        dep.put("placement", d.deployment().placement().jsonName());
        o.put("queueCapacity", d.queueCapacity());
        ObjectNode handler = o.putObject("handler");
        handler.put("nonBlocking", d.handler().nonBlocking());
        handler.put("budgetUs", d.handler().budgetUs());
        ArrayNode subs = o.putArray("subscriptions");
        for (SubscriptionSpec s : d.subscriptions()) {
            ObjectNode n = subs.addObject();
            n.put("serviceModel", s.serviceModel());
            n.put("reportPeriodMs", s.reportPeriodMs());
            n.put("style", s.style().jsonName());
            ArrayNode nodes = n.putArray("nodes");
            s.nodes().forEach(nodes::add);
            ArrayNode cells = n.putArray("cells");
            s.cells().forEach(cells::add);
        }
        ArrayNode controls = o.putArray("controls");
        for (ControlSpec c : d.controls()) {
            ObjectNode n = controls.addObject();
            n.put("action", c.action().jsonName());
            n.put("scope", c.scope().jsonName());
            c.min().ifPresent(v -> n.put("min", v));
            c.max().ifPresent(v -> n.put("max", v));
        }
        ArrayNode policies = o.putArray("policyTypes");
        for (PolicyTypeSpec p : d.policyTypes()) {
            ObjectNode n = policies.addObject();
            n.put("id", p.id());
            n.put("name", p.name());
            p.description().ifPresent(s -> n.put("description", s));
            n.set("schema", Json.readTrusted(p.schemaJson()));
            p.defaultInstanceJson().ifPresent(s -> n.set("defaultInstance", Json.readTrusted(s)));
        }
        ArrayNode models = o.putArray("models");
        for (ModelSpec m : d.models()) {
            ObjectNode n = models.addObject();
            n.put("name", m.name());
            ArrayNode features = n.putArray("inputFeatures");
            m.inputFeatures().forEach(features::add);
            n.put("format", m.format().jsonName());
            if (!m.alsoAccepts().isEmpty()) {
                ArrayNode also = n.putArray("alsoAccepts");
                m.alsoAccepts().forEach(x -> also.add(x.jsonName()));
            }
            m.gate().ifPresent(g -> {
                ObjectNode gn = n.putObject("gate");
                gn.put("metric", g.metric()).put("direction", g.direction().name().toLowerCase(java.util.Locale.ROOT))
                        .put("minImprovementPct", g.minImprovementPct());
                if (g.absoluteBar() != null) gn.put("absoluteBar", g.absoluteBar());
                gn.put("heldOutPct", g.heldOutPct()).put("minRows", g.minRows());
                ObjectNode rn = gn.putObject("robustness");
                rn.put("noisePct", g.noisePct()).put("seed", g.noiseSeed()).put("maxDegradationPct", g.maxDegradationPct());
                ObjectNode md = rn.putObject("missingDefaults");
                g.missingDefaults().forEach(md::put);
                if (g.missingMaxDegradationPct() != null) rn.put("missingMaxDegradationPct", g.missingMaxDegradationPct());
                rn.put("stressNoisePct", g.stressNoisePct());
            });
        }
        d.config().ifPresent(c -> {
            ObjectNode n = o.putObject("config");
            n.set("schema", Json.readTrusted(c.schemaJson()));
            n.set("values", Json.readTrusted(c.valuesJson()));
        });
        d.experience().ifPresent(x -> {
            ObjectNode n = o.putObject("experience");
            n.put("horizonMs", x.horizonMs());
            ArrayNode outcome = n.putArray("outcome");
            x.outcome().forEach(outcome::add);
            n.put("scope", x.scope().jsonName());
            n.put("maxRows", x.maxRows());
        });
        return Json.pretty(o);
    }

    // ---------------------------------------------------------------------------------------------

    private static XappDescriptor parse(String json, Path baseDir, JarCheck jarCheck, String source) {
        JsonNode root;
        try {
            root = Json.read(json);
        } catch (Json.NotJson e) {
            throw new DescriptorException(source, List.of(new DescriptorProblem("/",
                    "not valid JSON: " + e.getMessage() + " (expected: a JSON object)")));
        }
        if (!root.isObject()) {
            throw new DescriptorException(source, List.of(new DescriptorProblem("/",
                    "a JSON " + Json.typeName(root) + " (expected: a JSON object)")));
        }
        Problems problems = new Problems();
        Schemas.validate(SCHEMA, SCHEMA_NODE, root, "", problems);
        Map<String, JsonNode> schemas = new HashMap<>();
        new Semantics(root, baseDir, jarCheck, problems, schemas).check();
        problems.throwIfAny(source);
        return build(root, schemas);
    }

    /** The cross-field rules; reads defensively, since the structural pass may have failed. */
    private static final class Semantics {
        private final JsonNode root;
        private final Path baseDir;
        private final JarCheck jarCheck;
        private final Problems problems;
        private final Map<String, JsonNode> schemas;

        Semantics(JsonNode root, Path baseDir, JarCheck jarCheck, Problems problems, Map<String, JsonNode> schemas) {
            this.root = root;
            this.baseDir = baseDir;
            this.jarCheck = jarCheck;
            this.problems = problems;
            this.schemas = schemas;
        }

        void check() {
            sdkApiVersion();
            jar();
            deployment();
            subscriptions();
            controls();
            gates();
            ueOutcomes();
            policyTypes();
            models();
            config();
        }

        private void sdkApiVersion() {
            JsonNode v = root.get("sdkApiVersion");
            if (v != null && v.isTextual() && !SUPPORTED_SDK_API_VERSIONS.contains(v.asText())) {
                problems.addIfFieldClean("/sdkApiVersion", Json.render(v) + " (expected: "
                        + quotedList(SUPPORTED_SDK_API_VERSIONS) + ", the SDK API version this RIC supports)");
            }
        }

        private void jar() {
            JsonNode jar = root.path("entry").get("jar");
            if (jar == null || !jar.isTextual() || jar.asText().isEmpty()) return;
            Path path;
            try {
                path = Path.of(jar.asText());
            } catch (InvalidPathException e) {
                problems.addIfFieldClean("/entry/jar", Json.render(jar) + " (expected: a file path: " + e.getReason() + ")");
                return;
            }
            if (jarCheck == JarCheck.SKIPPED) return;
            Path resolved = path.isAbsolute() ? path : baseDir == null ? null : baseDir.resolve(path);
            if (resolved != null && !Files.isRegularFile(resolved)) {
                problems.addIfFieldClean("/entry/jar", Json.render(jar)
                        + " (expected: an existing jar file; nothing at " + resolved.normalize() + ")");
            }
        }

        private void deployment() {
            JsonNode dep = root.get("deployment");
            if (dep == null || !dep.isObject()) return;
            Deployment.Placement placement = Deployment.Placement.CLUSTER_SINGLETON;
            JsonNode pl = dep.get("placement");
            if (pl != null) {
                placement = enumValue(pl, Deployment.Placement::fromJsonName);
                if (placement == null) return;
            }
            Integer instances = intValue(dep.get("instances"));
            Integer maxPerNode = intValue(dep.get("maxPerNode"));
            String p = placement.jsonName();
            switch (placement) {
                case CLUSTER_SINGLETON:
                    if (instances != null && instances != 1) {
                        problems.addIfFieldClean("/deployment/instances", instances + " (expected: 1 for placement "
                                + p + "; use placement spread for more)");
                    }
                    break;
                case NODE_SINGLETON:
                    if (instances != null && instances != 0) {
                        problems.addIfFieldClean("/deployment/instances", instances + " (expected: absent or 0 for placement "
                                + p + ", which runs one instance on every grid node)");
                    }
                    if (maxPerNode != null && maxPerNode != 1) {
                        problems.addIfFieldClean("/deployment/maxPerNode", maxPerNode + " (expected: 1 for placement " + p + ")");
                    }
                    break;
                case SPREAD:
                    if (instances != null && instances < 1) {
                        problems.addIfFieldClean("/deployment/instances", instances + " (expected: >= 1 for placement " + p + ")");
                    }
                    break;
                default:
                    throw new AssertionError(placement);
            }
        }

        private void subscriptions() {
            forEachObject("subscriptions", (base, s) -> {
                JsonNode nodes = s.get("nodes");
                if (nodes == null || !nodes.isArray() || nodes.size() < 2) return;
                for (JsonNode n : nodes) {
                    if (SubscriptionSpec.ALL_NODES.equals(n.asText())) {
                        problems.addIfFieldClean(base + "/nodes", Json.render(nodes)
                                + " (expected: [\"*\"] alone, or node ids without \"*\")");
                        return;
                    }
                }
            });
        }

        private void controls() {
            Map<ControlAction, String> seen = new HashMap<>();
            forEachObject("controls", (base, c) -> {
                ControlAction action = enumValue(c.get("action"), ControlAction::fromJsonName);
                if (action != null) {
                    String first = seen.putIfAbsent(action, base);
                    if (first != null) {
                        problems.addIfFieldClean(base + "/action", Json.quote(action.jsonName())
                                + " (expected: each action at most once; already declared at " + first + ")");
                    }
                    ControlSpec.Scope scope = enumValue(c.get("scope"), ControlSpec.Scope::fromJsonName);
                    if (scope != null && scope != action.requiredScope()) {
                        problems.addIfFieldClean(base + "/scope", Json.quote(scope.jsonName()) + " (expected: "
                                + Json.quote(action.requiredScope().jsonName()) + " for " + action.jsonName() + ")");
                    }
                    if (!action.bounded()) {
                        for (String bound : List.of("min", "max")) {
                            if (c.has(bound)) {
                                problems.addIfFieldClean(base + "/" + bound, Json.render(c.get(bound))
                                        + " (expected: absent for " + action.jsonName()
                                        + "; min/max bound only tx_power, cell_individual_offset, a3_hysteresis, a3_time_to_trigger, "
                                        + "inter_frequency_offset and inter_frequency_threshold)");
                            }
                        }
                    }
                }
                JsonNode min = c.get("min");
                JsonNode max = c.get("max");
                if (min != null && max != null && min.isNumber() && max.isNumber() && min.doubleValue() > max.doubleValue()) {
                    problems.addIfFieldClean(base + "/min", Json.render(min) + " (expected: <= max, which is " + Json.render(max) + ")");
                }
            });
        }

        private void policyTypes() {
            Map<String, String> seen = new HashMap<>();
            forEachObject("policyTypes", (base, pt) -> {
                unique(pt.get("id"), base + "/id", seen, "policy type id");
                ResolvedSchema rs = resolveSchema(pt.get("schema"), base + "/schema");
                if (rs == null) return;
                JsonSchema compiled = Schemas.checkUserSchema(rs.node, base + "/schema", rs.file, problems);
                if (compiled == null) return;
                // A1 serves policy type schemas as draft-07 (A1AP's dialect): refuse what draft-07 cannot say
                for (String at : Draft07.unsupported(rs.node)) {
                    problems.add(base + "/schema", (rs.file == null ? "" : Json.quote(rs.file) + ": ") + "at " + at
                            + ": a keyword draft-07 cannot express (expected: a schema A1 can serve as draft-07, without "
                            + String.join(", ", new java.util.TreeSet<>(Draft07.UNSUPPORTED)) + ")");
                }
                schemas.put(base + "/schema", rs.node);
                JsonNode def = pt.get("defaultInstance");
                if (def != null) Schemas.validate(compiled, rs.node, def, base + "/defaultInstance", problems);
            });
        }

        private void models() {
            Map<String, String> seen = new HashMap<>();
            forEachObject("models", (base, m) -> unique(m.get("name"), base + "/name", seen, "model name"));
        }

        private void config() {
            JsonNode cfg = root.get("config");
            if (cfg == null || !cfg.isObject()) return;
            ResolvedSchema rs = resolveSchema(cfg.get("schema"), "/config/schema");
            if (rs == null) return;
            JsonSchema compiled = Schemas.checkUserSchema(rs.node, "/config/schema", rs.file, problems);
            if (compiled == null) return;
            schemas.put("/config/schema", rs.node);
            JsonNode values = cfg.has("values") ? cfg.get("values") : JsonNodeFactory.instance.objectNode();
            if (values.isObject()) Schemas.validate(compiled, rs.node, values, "/config/values", problems);
        }

        private void unique(JsonNode value, String field, Map<String, String> seen, String what) {
            if (value == null || !value.isTextual()) return;
            String first = seen.putIfAbsent(value.asText(), field);
            if (first != null) {
                problems.addIfFieldClean(field, Json.render(value) + " (expected: a unique " + what
                        + "; already used at " + first + ")");
            }
        }

        private static final class ResolvedSchema {
            final JsonNode node;
            final String file;

            ResolvedSchema(JsonNode node, String file) {
                this.node = node;
                this.file = file;
            }
        }

        /** An inline schema object, or the object in the file a string names; null after a problem. */
        private ResolvedSchema resolveSchema(JsonNode ref, String field) {
            if (ref == null || problems.hasProblemAt(field)) return null;
            if (ref.isObject()) return new ResolvedSchema(ref, null);
            if (!ref.isTextual() || ref.asText().isEmpty()) return null;
            String text = ref.asText();
            Path path;
            try {
                path = Path.of(text);
            } catch (InvalidPathException e) {
                problems.add(field, Json.render(ref) + " (expected: an inline JSON Schema object or a file path: " + e.getReason() + ")");
                return null;
            }
            if (!path.isAbsolute() && baseDir == null) {
                problems.add(field, Json.render(ref) + " (expected: an inline JSON Schema object; a relative path"
                        + " needs the descriptor's directory, which is unknown when parsing text)");
                return null;
            }
            Path resolved = (path.isAbsolute() ? path : baseDir.resolve(path)).normalize();
            if (!Files.isRegularFile(resolved)) {
                problems.add(field, Json.render(ref) + " (expected: a JSON Schema file; nothing at " + resolved + ")");
                return null;
            }
            JsonNode node;
            try {
                node = Json.read(Files.readString(resolved, StandardCharsets.UTF_8));
            } catch (IOException e) {
                problems.add(field, Json.render(ref) + " (expected: a readable JSON Schema file; " + e + ")");
                return null;
            } catch (Json.NotJson e) {
                problems.add(field, Json.render(ref) + " (expected: a JSON Schema file; not valid JSON at "
                        + e.getMessage() + ")");
                return null;
            }
            if (!node.isObject()) {
                problems.add(field, Json.render(ref) + " (expected: a file holding a JSON Schema object; it holds a JSON "
                        + Json.typeName(node) + ")");
                return null;
            }
            return new ResolvedSchema(node, text);
        }

        /** The UE's own outcome figures (ue.*) exist for UE decisions only: they need {@code "scope": "ue"}. */
        private void ueOutcomes() {
            JsonNode exp = root.get("experience");
            if (exp == null || !exp.isObject() || "ue".equals(exp.path("scope").asText())) return;
            JsonNode outcome = exp.get("outcome");
            if (outcome == null || !outcome.isArray()) return;
            for (int i = 0; i < outcome.size(); i++) {
                String n = outcome.get(i).asText();
                if (io.jric.api.xapp.descriptor.ExperienceSpec.ueOutcome(n)) {
                    problems.addIfFieldClean("/experience/outcome/" + i, Json.quote(n) + " (expected: a cell KPI; the UE's "
                            + "own figures need \"scope\": \"ue\", the rows then carry the UE id)");
                }
            }
        }

        /** A model's gate scores experience rows: it needs the experience section; missing defaults name input features. */
        private void gates() {
            forEachObject("models", (base, m) -> {
                JsonNode g = m.get("gate");
                if (g == null || !g.isObject()) return;
                if (root.get("experience") == null) {
                    problems.addIfFieldClean(base + "/gate", "a gate (expected: the descriptor's experience section too: "
                            + "the gate scores versions on the xApp's experience rows)");
                }
                JsonNode missing = g.path("robustness").path("missingDefaults");
                JsonNode features = m.get("inputFeatures");
                if (!missing.isObject() || features == null || !features.isArray()) return;
                List<String> names = strings(features);
                missing.fieldNames().forEachRemaining(f -> {
                    if (!names.contains(f)) {
                        problems.addIfFieldClean(base + "/gate/robustness/missingDefaults/" + f, Json.quote(f)
                                + " (expected: one of the model's inputFeatures " + names + ")");
                    }
                });
            });
        }

        private void forEachObject(String arrayField, BiConsumer<String, JsonNode> action) {
            JsonNode array = root.get(arrayField);
            if (array == null || !array.isArray()) return;
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isObject()) action.accept("/" + arrayField + "/" + i, array.get(i));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** Builds the model from a tree that passed every check. */
    private static XappDescriptor build(JsonNode root, Map<String, JsonNode> schemas) {
        JsonNode e = root.get("entry");
        Entry entry = new Entry(e.get("provider").asText(), e.has("jar") ? Path.of(e.get("jar").asText()) : null);
        XappDescriptor.Builder b = XappDescriptor.builder(root.get("name").asText(), root.get("version").asText(),
                        root.get("vendor").asText(), entry)
                .sdkApiVersion(root.get("sdkApiVersion").asText())
                .description(root.has("description") ? root.get("description").asText() : null)
                .priority(intOr(root.get("priority"), XappDescriptor.DEFAULT_PRIORITY))
                .queueCapacity(intOr(root.get("queueCapacity"), XappDescriptor.DEFAULT_QUEUE_CAPACITY));
        JsonNode handler = root.get("handler");
        if (handler != null) {
            b.handler(new HandlerSpec(handler.path("nonBlocking").asBoolean(false),
                    intOr(handler.get("budgetUs"), HandlerSpec.DEFAULT_BUDGET_US)));
        }

        JsonNode dep = root.get("deployment");
        if (dep != null) {
            Deployment.Placement placement = dep.has("placement")
                    ? Deployment.Placement.fromJsonName(dep.get("placement").asText())
                    : Deployment.Placement.CLUSTER_SINGLETON;
            int defaultInstances = placement == Deployment.Placement.NODE_SINGLETON ? 0 : 1;
            b.deployment(new Deployment(intOr(dep.get("instances"), defaultInstances), intOr(dep.get("maxPerNode"), 1), placement));
        }

        List<SubscriptionSpec> subs = new ArrayList<>();
        for (JsonNode s : root.path("subscriptions")) {
            subs.add(new SubscriptionSpec(s.get("serviceModel").asText(), s.get("reportPeriodMs").intValue(),
                    SubscriptionSpec.Style.fromJsonName(s.get("style").asText()),
                    s.has("nodes") ? strings(s.get("nodes")) : List.of(SubscriptionSpec.ALL_NODES),
                    s.has("cells") ? strings(s.get("cells")) : List.of()));
        }
        b.subscriptions(subs);

        List<ControlSpec> controls = new ArrayList<>();
        for (JsonNode c : root.path("controls")) {
            controls.add(new ControlSpec(ControlAction.fromJsonName(c.get("action").asText()),
                    ControlSpec.Scope.fromJsonName(c.get("scope").asText()),
                    c.has("min") ? c.get("min").doubleValue() : null,
                    c.has("max") ? c.get("max").doubleValue() : null));
        }
        b.controls(controls);

        List<PolicyTypeSpec> policies = new ArrayList<>();
        JsonNode pts = root.path("policyTypes");
        for (int i = 0; i < pts.size(); i++) {
            JsonNode p = pts.get(i);
            policies.add(new PolicyTypeSpec(p.get("id").asText(), p.get("name").asText(),
                    p.has("description") ? p.get("description").asText() : null,
                    Json.canonical(schemas.get("/policyTypes/" + i + "/schema")),
                    p.has("defaultInstance") ? Json.canonical(p.get("defaultInstance")) : null));
        }
        b.policyTypes(policies);

        List<ModelSpec> models = new ArrayList<>();
        for (JsonNode m : root.path("models")) {
            List<ModelSpec.Format> also = new ArrayList<>();
            for (String f : strings(m.path("alsoAccepts"))) also.add(ModelSpec.Format.fromJsonName(f));
            models.add(new ModelSpec(m.get("name").asText(), strings(m.get("inputFeatures")),
                    ModelSpec.Format.fromJsonName(m.get("format").asText()), also, gate(m.get("gate"))));
        }
        b.models(models);

        JsonNode cfg = root.get("config");
        if (cfg != null) {
            b.config(new ConfigSpec(Json.canonical(schemas.get("/config/schema")),
                    cfg.has("values") ? Json.canonical(cfg.get("values")) : "{}"));
        }
        JsonNode exp = root.get("experience");
        if (exp != null) {
            b.experience(new ExperienceSpec(exp.get("horizonMs").longValue(), strings(exp.get("outcome")),
                    exp.has("scope") ? ExperienceSpec.Scope.fromJsonName(exp.get("scope").asText()) : ExperienceSpec.Scope.CELL,
                    intOr(exp.get("maxRows"), ExperienceSpec.DEFAULT_MAX_ROWS)));
        }
        return b.build();
    }

    private static ModelGate gate(JsonNode g) {
        if (g == null) return null;
        JsonNode r = g.path("robustness");
        Map<String, Double> missing = new java.util.TreeMap<>();
        r.path("missingDefaults").fields().forEachRemaining(e -> missing.put(e.getKey(), e.getValue().doubleValue()));
        return new ModelGate(g.get("metric").asText(), ModelGate.Direction.valueOf(g.get("direction").asText().toUpperCase(java.util.Locale.ROOT)),
                g.path("minImprovementPct").asDouble(0), g.has("absoluteBar") ? g.get("absoluteBar").doubleValue() : null,
                intOr(g.get("heldOutPct"), 20), intOr(g.get("minRows"), 50), r.path("noisePct").asDouble(5),
                r.path("seed").asLong(1), r.path("maxDegradationPct").asDouble(25), missing,
                r.has("missingMaxDegradationPct") ? r.get("missingMaxDegradationPct").doubleValue() : null,
                r.path("stressNoisePct").asDouble(0));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static int intOr(JsonNode n, int dflt) {
        Integer v = intValue(n);
        return v == null ? dflt : v;
    }

    /** The integer a number node holds (also 3.0), or null if it is absent, not a number or not whole. */
    static Integer intValue(JsonNode n) {
        if (n == null || !n.isNumber()) return null;
        double d = n.doubleValue();
        if (d != Math.rint(d) || d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) return null;
        return (int) d;
    }

    /** The enum constant a string node names, or null if it is absent, not a string or unknown. */
    private static <E> E enumValue(JsonNode n, Function<String, E> byName) {
        if (n == null || !n.isTextual()) return null;
        try {
            return byName.apply(n.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String quotedList(Set<String> values) {
        return new TreeSet<>(values).stream().map(Json::quote).collect(Collectors.joining(" or "));
    }
}
