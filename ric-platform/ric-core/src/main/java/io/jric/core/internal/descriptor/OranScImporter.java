package io.jric.core.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jric.api.xapp.descriptor.ConfigSpec;
import io.jric.api.xapp.descriptor.DescriptorException;
import io.jric.api.xapp.descriptor.DescriptorProblem;
import io.jric.api.xapp.descriptor.Entry;
import io.jric.api.xapp.descriptor.PolicyTypeSpec;
import io.jric.api.xapp.descriptor.SubscriptionSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts an O-RAN SC xApp descriptor ({@code config-file.json}, as onboarded by ric-plt-appmgr
 * and read by the xapp-frame libraries) to a jRIC {@link XappDescriptor}.
 *
 * <p>O-RAN SC xApps are containers talking RMR; jRIC xApps are Java providers receiving events
 * in-process, so only part of the file carries over. Each source field lands in
 * {@link ImportResult#mapped()} (with any assumption made) or {@link ImportResult#notMapped()} (with
 * the reason). What the file cannot tell (the provider's jar, which control actions) is reported,
 * never guessed silently. The result always passes {@link DescriptorParser} checks.
 */
public final class OranScImporter {
    /** Vendor given to imported descriptors when the file names none. */
    public static final String UNKNOWN_VENDOR = "unknown (imported from O-RAN SC config-file.json)";
    /** Report period assumed for the KPM subscription an {@code RIC_INDICATION} implies. */
    public static final int DEFAULT_REPORT_PERIOD_MS = 1000;
    /** The permissive schema given to imported policy types and configuration. */
    public static final String PERMISSIVE_SCHEMA = "{\"type\":\"object\"}";

    private static final Pattern LOOSE_VERSION = Pattern.compile("^v?(0|[1-9][0-9]*)(?:\\.(0|[1-9][0-9]*))?(?:\\.(0|[1-9][0-9]*))?(-[0-9A-Za-z.-]+)?$");
    private static final Pattern POLICY_ID = Pattern.compile("^[A-Za-z0-9_.:-]{1,64}$");
    private static final int MAX_POLICY_TYPES = 8;

    /** RMR messages whose meaning jRIC covers by the mapped subscription. */
    private static final Set<String> SUBSCRIPTION_MESSAGES = Set.of("RIC_INDICATION", "RIC_SUB_REQ", "RIC_SUB_RESP",
            "RIC_SUB_FAILURE", "RIC_SUB_DEL_REQ", "RIC_SUB_DEL_RESP", "RIC_SUB_DEL_FAILURE");
    /** RMR messages whose meaning jRIC covers by the mapped policy types. */
    private static final Set<String> POLICY_MESSAGES = Set.of("A1_POLICY_REQ", "A1_POLICY_RESP", "A1_POLICY_QUERY");
    /** RMR messages of RIC Control. */
    private static final Set<String> CONTROL_MESSAGES = Set.of("RIC_CONTROL_REQ", "RIC_CONTROL_ACK", "RIC_CONTROL_FAILURE");

    private OranScImporter() {}

    /**
     * Imports a {@code config-file.json}.
     *
     * @param file the O-RAN SC descriptor
     * @return the descriptor and the mapping report
     * @throws DescriptorException if the file is unreadable, not a JSON object, or lacks a name or version
     */
    public static ImportResult importFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DescriptorException(file.toString(), List.of(new DescriptorProblem("/",
                    "cannot read the file: " + e + " (expected: a readable O-RAN SC config-file.json)")));
        }
        return importJson(text, file.toString());
    }

    /**
     * Imports the text of a {@code config-file.json}.
     *
     * @param json the O-RAN SC descriptor
     * @return the descriptor and the mapping report
     * @throws DescriptorException if the text is not a JSON object, or lacks a name or version
     */
    public static ImportResult importJson(String json) {
        return importJson(json, null);
    }

    private static ImportResult importJson(String json, String source) {
        JsonNode root;
        try {
            root = Json.read(json);
        } catch (Json.NotJson e) {
            throw new DescriptorException(source, List.of(new DescriptorProblem("/",
                    "not valid JSON: " + e.getMessage() + " (expected: an O-RAN SC config-file.json object)")));
        }
        if (!root.isObject()) {
            throw new DescriptorException(source, List.of(new DescriptorProblem("/",
                    "a JSON " + Json.typeName(root) + " (expected: an O-RAN SC config-file.json object)")));
        }
        return new Run(root, source).run();
    }

    /** One import. */
    private static final class Run {
        private final JsonNode root;
        private final String source;
        private final Problems problems = new Problems(false);
        private final List<String> mapped = new ArrayList<>();
        private final List<String> notMapped = new ArrayList<>();
        private final Set<String> handled = new LinkedHashSet<>();

        Run(JsonNode root, String source) {
            this.root = root;
            this.source = source;
        }

        ImportResult run() {
            String name = name();
            String version = version();
            problems.throwIfAny(source);

            String vendor = vendor();
            Entry entry = new Entry(name, null);
            mapped.add("entry.provider: " + Json.quote(name) + " (derived from the name; O-RAN SC xApps are containers,"
                    + " so supply a jar as entry.jar holding an io.jric.api.xapp.XappProvider with this id)");
            XappDescriptor.Builder b = XappDescriptor.builder(name, version, vendor, entry);
            String description = text(root.get("description"));
            handled.add("description");
            if (description != null) {
                b.description(description);
                mapped.add("description -> description");
            } else {
                b.description("Imported from an O-RAN SC config-file.json (" + name + " " + version + ")");
            }

            Messages messages = messages();
            b.subscriptions(subscriptions(messages));
            controls(messages);
            otherMessages(messages);
            b.policyTypes(policyTypes(messages));
            b.config(config());
            notMappedSections();
            problems.throwIfAny(source);

            XappDescriptor d = b.build();
            // The importer must never hand out a descriptor the parser would reject.
            XappDescriptor checked = DescriptorParser.parse(DescriptorParser.toJson(d), null);
            return new ImportResult(checked, mapped, notMapped);
        }

        private String name() {
            handled.add("xapp_name");
            handled.add("name");
            String xappName = text(root.get("xapp_name"));
            String plainName = text(root.get("name"));
            String field = xappName != null ? "/xapp_name" : "/name";
            String chosen = xappName != null ? xappName : plainName;
            if (chosen == null) {
                for (String f : List.of("xapp_name", "name")) {
                    if (root.has(f)) {
                        problems.add("/" + f, Json.render(root.get(f)) + " (expected: a non-empty string, the xApp's name)");
                        return null;
                    }
                }
                problems.add("/xapp_name", "missing (expected: xapp_name or name, the xApp's name)");
                return null;
            }
            String note = field.substring(1) + " " + Json.quote(chosen) + " -> name";
            if (xappName != null && plainName != null && !xappName.equals(plainName)) {
                note += " (name " + Json.quote(plainName) + " differs; xapp_name wins, as in ric-plt-appmgr)";
            } else if (xappName != null && plainName != null) {
                note += " (name is the same)";
            }
            String normalized = chosen.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^[^a-z]+", "");
            if (normalized.length() > 63) normalized = normalized.substring(0, 63);
            if (!normalized.matches("^[a-z][a-z0-9-]{1,62}$")) {
                problems.add(field, Json.quote(chosen) + " (expected: a name that can be turned into ^[a-z][a-z0-9-]{1,62}$)");
                return null;
            }
            if (!normalized.equals(chosen)) note += " as " + Json.quote(normalized) + " (lower case, a-z 0-9 - only)";
            mapped.add(note);
            return normalized;
        }

        private String version() {
            handled.add("version");
            JsonNode v = root.get("version");
            if (v == null) {
                problems.add("/version", "missing (required)");
                return null;
            }
            String text = v.isNumber() ? v.asText() : text(v);
            Matcher m = text == null ? null : LOOSE_VERSION.matcher(text);
            if (m == null || !m.matches()) {
                problems.add("/version", Json.render(v) + " (expected: a version like 1, 1.0 or 1.0.0)");
                return null;
            }
            String normalized = m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2)) + "."
                    + (m.group(3) == null ? "0" : m.group(3)) + (m.group(4) == null ? "" : m.group(4));
            if (normalized.equals(text)) {
                mapped.add("version " + Json.quote(text) + " -> version");
            } else {
                mapped.add("version " + Json.render(v) + " -> version " + Json.quote(normalized)
                        + " (normalized to MAJOR.MINOR.PATCH)");
            }
            return normalized;
        }

        private String vendor() {
            handled.add("vendor");
            String vendor = text(root.get("vendor"));
            if (vendor != null) {
                mapped.add("vendor " + Json.quote(vendor) + " -> vendor");
                return vendor;
            }
            for (JsonNode c : root.path("containers")) {
                JsonNode image = c.path("image");
                String where = text(image.get("registry")) + "/" + text(image.get("name"));
                if (where.contains("o-ran-sc")) {
                    mapped.add("vendor: \"O-RAN SC\" (from the container image " + Json.quote(where) + ")");
                    return "O-RAN SC";
                }
            }
            mapped.add("vendor: " + Json.quote(UNKNOWN_VENDOR) + " (the config-file names no vendor)");
            return UNKNOWN_VENDOR;
        }

        /** Messages and policies from messaging.ports[] and from the legacy rmr section. */
        private static final class Messages {
            final Set<String> rx = new LinkedHashSet<>();
            final Set<String> tx = new LinkedHashSet<>();
            final List<JsonNode> policies = new ArrayList<>();
            final List<String> policyFields = new ArrayList<>();
        }

        private Messages messages() {
            Messages m = new Messages();
            JsonNode ports = root.path("messaging").path("ports");
            for (int i = 0; i < ports.size(); i++) collect(ports.get(i), "/messaging/ports/" + i, m);
            collect(root.path("rmr"), "/rmr", m);
            return m;
        }

        private void collect(JsonNode holder, String field, Messages m) {
            holder.path("rxMessages").forEach(n -> m.rx.add(n.asText()));
            holder.path("txMessages").forEach(n -> m.tx.add(n.asText()));
            JsonNode policies = holder.path("policies");
            for (int i = 0; i < policies.size(); i++) {
                m.policies.add(policies.get(i));
                m.policyFields.add(field + "/policies/" + i);
            }
        }

        private List<SubscriptionSpec> subscriptions(Messages m) {
            if (!m.rx.contains("RIC_INDICATION")) return List.of();
            mapped.add("rxMessages RIC_INDICATION -> subscriptions[0]: kpm, style cell, every "
                    + DEFAULT_REPORT_PERIOD_MS + " ms, all nodes (assumed: the config-file does not say which"
                    + " service model, style or period; adjust them)");
            return List.of(new SubscriptionSpec("kpm", DEFAULT_REPORT_PERIOD_MS, SubscriptionSpec.Style.CELL,
                    List.of(SubscriptionSpec.ALL_NODES), List.of()));
        }

        private void controls(Messages m) {
            if (m.tx.contains("RIC_CONTROL_REQ")) {
                notMapped.add("txMessages RIC_CONTROL_REQ: declare controls explicitly (handover, cell_individual_offset,"
                        + " tx_power, cell_sleep); the config-file does not say which control actions the xApp sends");
            }
        }

        private void otherMessages(Messages m) {
            List<String> rx = new ArrayList<>();
            for (String s : m.rx) {
                if (!SUBSCRIPTION_MESSAGES.contains(s) && !POLICY_MESSAGES.contains(s) && !CONTROL_MESSAGES.contains(s)) rx.add(s);
            }
            List<String> tx = new ArrayList<>();
            for (String s : m.tx) {
                if (!SUBSCRIPTION_MESSAGES.contains(s) && !POLICY_MESSAGES.contains(s) && !CONTROL_MESSAGES.contains(s)) tx.add(s);
            }
            if (!rx.isEmpty()) {
                notMapped.add("rxMessages " + String.join(", ", rx)
                        + ": xApp-to-xApp RMR messages have no jRIC equivalent (share data through the grid caches)");
            }
            if (!tx.isEmpty()) {
                notMapped.add("txMessages " + String.join(", ", tx)
                        + ": xApp-to-xApp RMR messages have no jRIC equivalent (share data through the grid caches)");
            }
        }

        private List<PolicyTypeSpec> policyTypes(Messages m) {
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 0; i < m.policies.size(); i++) {
                JsonNode p = m.policies.get(i);
                String id = p.isIntegralNumber() ? p.asText() : p.isTextual() ? p.asText() : null;
                if (id == null || !POLICY_ID.matcher(id).matches()) {
                    problems.add(m.policyFields.get(i), Json.render(p) + " (expected: an A1 policy type id, an integer)");
                    continue;
                }
                ids.add(id);
            }
            if (ids.size() > MAX_POLICY_TYPES) {
                problems.add(m.policyFields.get(0).replaceAll("/[0-9]+$", ""), ids.size()
                        + " policy types (expected: at most " + MAX_POLICY_TYPES + ")");
                return List.of();
            }
            List<PolicyTypeSpec> out = new ArrayList<>();
            for (String id : ids) {
                out.add(new PolicyTypeSpec(id, "policy type " + id, "Imported from an O-RAN SC config-file.json",
                        PERMISSIVE_SCHEMA, null));
            }
            if (!ids.isEmpty()) {
                mapped.add("policies " + String.join(", ", ids) + " -> policyTypes with the permissive schema "
                        + PERMISSIVE_SCHEMA + " (assumed: replace it with each type's real schema from A1)");
            }
            return out;
        }

        private ConfigSpec config() {
            handled.add("controls");
            JsonNode controls = root.get("controls");
            if (controls == null) return null;
            if (!controls.isObject()) {
                notMapped.add("controls: a JSON " + Json.typeName(controls)
                        + ", not an object, so it cannot become config.values");
                return null;
            }
            mapped.add("controls -> config.values, with the permissive schema " + PERMISSIVE_SCHEMA
                    + " (assumed: write a real schema for config.schema)");
            return new ConfigSpec(PERMISSIVE_SCHEMA, Json.canonical(controls));
        }

        private void notMappedSections() {
            handled.add("messaging");
            handled.add("rmr");
            for (String field : Json.fieldNames(root)) {
                if (handled.contains(field)) continue;
                String reason;
                switch (field) {
                    case "containers":
                        reason = "jRIC runs xApps in the RIC's JVM, not as containers" + images();
                        break;
                    case "livenessProbe":
                    case "readinessProbe":
                        reason = "the platform supervises xApp instances itself; there is no pod to probe";
                        break;
                    case "appenv":
                        reason = "environment variables do not apply; put settings in config.values";
                        break;
                    case "annotations":
                        reason = "Kubernetes annotations do not apply";
                        break;
                    case "metrics":
                        reason = "metrics are automatic here (per-xApp OpenTelemetry metrics); custom ones are not declared";
                        break;
                    default:
                        reason = "not a field the importer knows";
                        break;
                }
                notMapped.add(field + ": " + reason);
            }
            JsonNode ports = root.path("messaging").path("ports");
            if (ports.size() > 0) {
                List<String> names = new ArrayList<>();
                for (JsonNode p : ports) names.add(text(p.get("name")) + ":" + p.path("port").asText("?"));
                notMapped.add("messaging.ports " + String.join(", ", names)
                        + ": xApps have no RMR or HTTP ports in jRIC; events are delivered in-process");
            }
            if (root.has("rmr")) {
                List<String> keys = new ArrayList<>();
                for (String k : Json.fieldNames(root.get("rmr"))) {
                    if (!k.equals("rxMessages") && !k.equals("txMessages") && !k.equals("policies")) keys.add(k);
                }
                if (!keys.isEmpty()) {
                    notMapped.add("rmr " + String.join(", ", keys)
                            + ": RMR transport settings; jRIC has no RMR, events are delivered in-process");
                }
            }
        }

        private String images() {
            List<String> images = new ArrayList<>();
            for (JsonNode c : root.path("containers")) {
                JsonNode i = c.path("image");
                images.add(text(i.get("registry")) + "/" + text(i.get("name")) + ":" + text(i.get("tag")));
            }
            return images.isEmpty() ? "" : " (image " + String.join(", ", images) + ")";
        }

        private static String text(JsonNode n) {
            return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
        }
    }
}
