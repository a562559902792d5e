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
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts an O-RAN SC xApp descriptor ({@code config-file.json}, as onboarded by ric-plt-appmgr
 * and read by the xapp-frame libraries) to a jRIC {@link XappDescriptor}.
 *
 * <p>O-RAN SC xApps are containers talking RMR; jRIC xApps are Java providers receiving events
 * in-process, so only part of the file carries over. Every source item lands in exactly one list of
 * the {@link ImportResult}: {@link ImportResult#mapped() mapped} (carried over as written),
 * {@link ImportResult#assumed() assumed} (carried over with a guess the file cannot confirm) or
 * {@link ImportResult#notMapped() not mapped} (dropped, with the reason). Sections of the wrong JSON
 * type, and policy ids that are not positive integers, are errors naming the field (JSON pointer into
 * the source file), never dropped silently. The result always passes {@link DescriptorParser} checks.
 */
public final class OranScImporter {
    /** Vendor given to imported descriptors when the file names none. */
    public static final String UNKNOWN_VENDOR = "unknown (imported from O-RAN SC config-file.json)";
    /** Report period assumed for the KPM subscription an {@code RIC_INDICATION} implies. */
    public static final int DEFAULT_REPORT_PERIOD_MS = 1000;
    /** The permissive schema given to imported policy types and configuration. */
    public static final String PERMISSIVE_SCHEMA = "{\"type\":\"object\"}";
    /** Largest A1 policy type id (the O-RAN SC A1 mediator's {@code policy_type_id}: 1..2^31-1). */
    public static final long MAX_POLICY_TYPE_ID = Integer.MAX_VALUE;

    /** A version as O-RAN SC files write it: 1, 1.0, v1.0.0, with semver pre-release and build metadata. */
    private static final Pattern LOOSE_VERSION = Pattern.compile("^v?(0|[1-9][0-9]*)(?:\\.(0|[1-9][0-9]*))?(?:\\.(0|[1-9][0-9]*))?"
            + "(-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$");
    private static final Pattern DIGITS = Pattern.compile("^[1-9][0-9]{0,18}$");
    private static final int MAX_POLICY_TYPES = 8;

    /** What an RMR message type stands for, and what becomes of it in jRIC. */
    enum MessageKind {
        /** E2 subscription procedure and its reports: covered by the mapped subscription. */
        SUBSCRIPTION,
        /** A1 policy messages: covered by the mapped policy types. */
        POLICY,
        /** E2 RIC Control request and its answers. */
        CONTROL,
        /** The platform's health check of the xApp container. */
        HEALTH_CHECK,
        /** X2AP messages (EN-DC, SgNB, UE context) an E2 termination relays to xApps over RMR. */
        X2,
        /** A1 enrichment information. */
        A1_EI,
        /** Other messages of the RIC platform's components (E2 manager, E2 setup, alarms, SCTP). */
        PLATFORM,
        /** Message types the xApps define among themselves. */
        XAPP_TO_XAPP;

        static MessageKind of(String type) {
            if (type.startsWith("RIC_SUB_") || type.equals("RIC_INDICATION")) return SUBSCRIPTION;
            if (type.startsWith("A1_POLICY_")) return POLICY;
            if (type.startsWith("RIC_CONTROL_")) return CONTROL;
            if (type.startsWith("RIC_HEALTH_CHECK_")) return HEALTH_CHECK;
            if (type.startsWith("A1_EI_")) return A1_EI;
            for (String p : X2_PREFIXES) if (type.startsWith(p)) return X2;
            if (X2_NAMES.contains(type)) return X2;
            if (type.startsWith("RIC_") || type.startsWith("E2_")) return PLATFORM;
            return XAPP_TO_XAPP;
        }
    }

    /** RMR names of X2AP messages (ric-plt-lib-rmr RIC_message_types.h). */
    private static final List<String> X2_PREFIXES = List.of("RIC_X2_", "RIC_ENDC_", "RIC_SGNB_", "RIC_ENB_", "RIC_GNB_",
            "RIC_SN_STATUS_", "RIC_RES_STATUS_");
    private static final Set<String> X2_NAMES = Set.of("RIC_UE_CONTEXT_RELEASE", "RIC_RRC_TRANSFER",
            "RIC_SECONDARY_RAT_DATA_USAGE_REPORT", "RIC_HANDOVER_REQUEST", "RIC_HANDOVER_CANCEL");

    /** Field names (any depth, case-insensitive) that say which E2 service model the xApp subscribes to. */
    private static final Pattern SERVICE_MODEL_FIELD = Pattern.compile("(?i).*(ranfunction|servicemodel|service_model|e2sm|ranfuncid).*");
    /** String values naming an E2 service model: E2SM-KPM, E2SM-RC, ... or an O-RAN OID 1.3.6.1.4.1.53148.1.x.2.y. */
    private static final Pattern SERVICE_MODEL_VALUE = Pattern.compile("(?i)^(e2sm[-_ ]?[a-z]+.*|orane2sm[a-z]+.*|1\\.3\\.6\\.1\\.4\\.1\\.53148\\.1\\.[0-9]+\\.2\\.[0-9]+)$");
    private static final Pattern KPM_HINT = Pattern.compile("(?i)^(e2sm[-_ ]?kpm.*|orane2smkpm.*|1\\.3\\.6\\.1\\.4\\.1\\.53148\\.1\\.[0-9]+\\.2\\.2)$");

    /** Port fields the import reads; any other field of a port is reported as dropped. */
    private static final Set<String> PORT_FIELDS_READ = Set.of("name", "container", "port", "description",
            "rxMessages", "txMessages", "policies", "mtypes");

    private OranScImporter() {}

    /**
     * Imports a {@code config-file.json}.
     *
     * @param file the O-RAN SC descriptor
     * @return the descriptor and the mapping report
     * @throws DescriptorException if the file is unreadable, not a JSON object, lacks a name or version,
     *     has a section of the wrong type or a policy id that is not a positive integer
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
     * @throws DescriptorException as {@link #importFile(Path)}
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
        // A number's text as written: a tree holds 1.10 as the double 1.1
        return new Run(root, Json.topLevelNumberText(json, "version"), source).run();
    }

    /** One import. */
    private static final class Run {
        private final JsonNode root;
        private final String versionNumberText;
        private final String source;
        private final Problems problems = new Problems(false);
        private final List<String> mapped = new ArrayList<>();
        private final List<String> assumed = new ArrayList<>();
        private final List<String> notMapped = new ArrayList<>();
        private final Set<String> handled = new LinkedHashSet<>();

        Run(JsonNode root, String versionNumberText, String source) {
            this.root = root;
            this.versionNumberText = versionNumberText;
            this.source = source;
        }

        ImportResult run() {
            String name = name();
            String version = version();
            Messages messages = messages();
            List<String> policyIds = policyIds(messages);
            problems.throwIfAny(source);

            String vendor = vendor();
            Entry entry = new Entry(name, null);
            assumed.add("entry.provider: " + Json.quote(name) + " (derived from the name; O-RAN SC xApps are containers,"
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

            b.subscriptions(subscriptions(messages));
            controls(messages);
            otherMessages(messages);
            b.policyTypes(policyTypes(policyIds, messages));
            b.config(config());
            notMappedSections(messages);

            XappDescriptor d = b.build();
            // The importer must never hand out a descriptor the parser would reject.
            XappDescriptor checked = DescriptorParser.parse(DescriptorParser.toJson(d), null);
            return new ImportResult(checked, mapped, assumed, notMapped);
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
            // A number is taken as written (1.10 stays 1.10, never 1.1), from the raw token
            String text = v.isNumber() ? versionNumberText : text(v);
            String shown = v.isNumber() && text != null ? text : Json.render(v);
            Matcher m = text == null ? null : LOOSE_VERSION.matcher(text);
            if (m == null || !m.matches()) {
                problems.add("/version", shown + " (expected: a version like \"1\", \"1.0\", \"1.0.0\" or \"1.2.3-rc.1+build5\")");
                return null;
            }
            String normalized = m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2)) + "."
                    + (m.group(3) == null ? "0" : m.group(3)) + (m.group(4) == null ? "" : m.group(4))
                    + (m.group(5) == null ? "" : m.group(5));
            String number = v.isNumber() ? " (a JSON number, read as written; write versions as strings: many JSON"
                    + " readers turn 1.10 into 1.1)" : "";
            if (normalized.equals(text)) {
                mapped.add("version " + Json.quote(text) + " -> version" + number);
            } else {
                mapped.add("version " + (v.isNumber() ? text : Json.render(v)) + " -> version " + Json.quote(normalized)
                        + " (normalized to MAJOR.MINOR.PATCH)" + number);
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
                    assumed.add("vendor: \"O-RAN SC\" (from the container image " + Json.quote(where) + ")");
                    return "O-RAN SC";
                }
            }
            assumed.add("vendor: " + Json.quote(UNKNOWN_VENDOR) + " (the config-file names no vendor)");
            return UNKNOWN_VENDOR;
        }

        /** Messages and policies from messaging.ports[] and from the legacy rmr section. */
        private static final class Messages {
            /** Message type -> where it was first seen (a JSON pointer). */
            final Map<String, String> rx = new LinkedHashMap<>();
            final Map<String, String> tx = new LinkedHashMap<>();
            final List<JsonNode> policies = new ArrayList<>();
            final List<String> policyFields = new ArrayList<>();
            /** "pointer: name=id, ..." for every mtypes list. */
            final List<String> mtypes = new ArrayList<>();

            boolean has(String type) {
                return rx.containsKey(type) || tx.containsKey(type);
            }
        }

        private Messages messages() {
            Messages m = new Messages();
            JsonNode messaging = root.get("messaging");
            if (messaging != null) {
                if (!messaging.isObject()) {
                    problems.add("/messaging", "a JSON " + Json.typeName(messaging)
                            + " (expected: an object, e.g. {\"ports\":[{\"name\":\"rmr-data\",\"port\":4560}]})");
                } else {
                    JsonNode ports = messaging.get("ports");
                    if (ports != null && !ports.isArray()) {
                        problems.add("/messaging/ports", "a JSON " + Json.typeName(ports)
                                + " (expected: an array of port objects, e.g. [{\"name\":\"rmr-data\",\"port\":4560}])");
                    } else if (ports != null) {
                        for (int i = 0; i < ports.size(); i++) {
                            String at = "/messaging/ports/" + i;
                            if (ports.get(i).isObject()) collect(ports.get(i), at, m);
                            else problems.add(at, "a JSON " + Json.typeName(ports.get(i)) + " (expected: a port object)");
                        }
                    }
                    mtypes(messaging, "/messaging", m);
                }
            }
            JsonNode rmr = root.get("rmr");
            if (rmr != null) {
                if (rmr.isObject()) collect(rmr, "/rmr", m);
                else problems.add("/rmr", "a JSON " + Json.typeName(rmr) + " (expected: an object)");
            }
            return m;
        }

        private void collect(JsonNode holder, String field, Messages m) {
            messageList(holder, field, "rxMessages", m.rx);
            messageList(holder, field, "txMessages", m.tx);
            mtypes(holder, field, m);
            JsonNode policies = holder.get("policies");
            if (policies == null) return;
            if (!policies.isArray()) {
                problems.add(field + "/policies", Json.render(policies)
                        + " (expected: an array of A1 policy type ids, positive integers, e.g. [20008])");
                return;
            }
            for (int i = 0; i < policies.size(); i++) {
                m.policies.add(policies.get(i));
                m.policyFields.add(field + "/policies/" + i);
            }
        }

        private void messageList(JsonNode holder, String field, String key, Map<String, String> into) {
            JsonNode list = holder.get(key);
            if (list == null) return;
            if (!list.isArray()) {
                problems.add(field + "/" + key, Json.render(list)
                        + " (expected: an array of RMR message type names, e.g. [\"RIC_INDICATION\"])");
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode n = list.get(i);
                if (n.isTextual() && !n.asText().isBlank()) into.putIfAbsent(n.asText(), field + "/" + key + "/" + i);
                else problems.add(field + "/" + key + "/" + i, Json.render(n) + " (expected: an RMR message type name, a string)");
            }
        }

        private void mtypes(JsonNode holder, String field, Messages m) {
            JsonNode mt = holder.get("mtypes");
            if (mt == null) return;
            List<String> names = new ArrayList<>();
            if (mt.isArray()) {
                for (JsonNode t : mt) {
                    String name = t.isObject() ? text(t.has("name") ? t.get("name") : t.get("Name")) : null;
                    JsonNode id = t.isObject() ? (t.has("id") ? t.get("id") : t.get("Id")) : null;
                    names.add(name != null && id != null ? name + "=" + id.asText() : Json.render(t));
                }
            } else {
                names.add(Json.render(mt));
            }
            m.mtypes.add(field + "/mtypes " + String.join(", ", names));
        }

        private List<String> policyIds(Messages m) {
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 0; i < m.policies.size(); i++) {
                JsonNode p = m.policies.get(i);
                String id = policyId(p);
                if (id == null) {
                    problems.add(m.policyFields.get(i), Json.render(p)
                            + " (expected: an A1 policy type id, an integer from 1 to " + MAX_POLICY_TYPE_ID + ")");
                    continue;
                }
                ids.add(id);
            }
            if (ids.size() > MAX_POLICY_TYPES) {
                problems.add(m.policyFields.get(0).replaceAll("/[0-9]+$", ""), ids.size()
                        + " policy types (expected: at most " + MAX_POLICY_TYPES + ")");
            }
            return new ArrayList<>(ids);
        }

        /** The id as digits, or null unless it is an integer (or a string of digits) from 1 to 2^31-1. */
        private static String policyId(JsonNode p) {
            BigInteger v;
            if (p.isIntegralNumber()) v = p.bigIntegerValue();
            else if (p.isTextual() && DIGITS.matcher(p.asText()).matches()) v = new BigInteger(p.asText());
            else return null;
            return v.signum() > 0 && v.compareTo(BigInteger.valueOf(MAX_POLICY_TYPE_ID)) <= 0 ? v.toString() : null;
        }

        private List<SubscriptionSpec> subscriptions(Messages m) {
            List<String> procedure = new ArrayList<>();
            for (String s : m.rx.keySet()) if (MessageKind.of(s) == MessageKind.SUBSCRIPTION) procedure.add(s);
            for (String s : m.tx.keySet()) if (MessageKind.of(s) == MessageKind.SUBSCRIPTION && !procedure.contains(s)) procedure.add(s);
            if (!m.rx.containsKey("RIC_INDICATION")) {
                if (!procedure.isEmpty()) {
                    notMapped.add("messages " + String.join(", ", procedure) + ": the xApp subscribes but receives no"
                            + " RIC_INDICATION, so no subscription was made (declare subscriptions if it needs reports)");
                }
                return List.of();
            }
            procedure.remove("RIC_INDICATION");
            String also = procedure.isEmpty() ? "" : " (" + String.join(", ", procedure)
                    + ": the subscription procedure, done by the platform)";
            List<String> hints = new ArrayList<>();
            serviceModelHints(root, "", hints);
            List<String> nonKpm = new ArrayList<>();
            boolean kpm = false;
            for (String h : hints) {
                String value = h.substring(h.indexOf(' ') + 1);
                if (KPM_HINT.matcher(value.replace("\"", "")).matches()) kpm = true;
                else nonKpm.add(h);
            }
            if (!nonKpm.isEmpty()) {
                notMapped.add("rxMessages RIC_INDICATION" + also + ": no subscription made; the file points to a service model"
                        + " other than E2SM-KPM (" + String.join("; ", nonKpm) + "), and jRIC subscriptions are KPM only;"
                        + " declare subscriptions explicitly if the xApp also needs KPM reports");
                return List.of();
            }
            String line = "rxMessages RIC_INDICATION" + also + " -> subscriptions[0]: kpm, style cell, every "
                    + DEFAULT_REPORT_PERIOD_MS + " ms, all nodes";
            if (kpm) {
                mapped.add(line + " (service model from " + String.join("; ", hints) + "; assumed: style, period and"
                        + " nodes, which the file does not give)");
                return List.of(kpmSubscription());
            }
            assumed.add(line + " (ASSUMED: the file names no service model, so E2SM-KPM was taken; this subscribes on"
                    + " every E2 node: remove it or narrow its nodes if the xApp uses another service model)");
            return List.of(kpmSubscription());
        }

        private static SubscriptionSpec kpmSubscription() {
            return new SubscriptionSpec("kpm", DEFAULT_REPORT_PERIOD_MS, SubscriptionSpec.Style.CELL,
                    List.of(SubscriptionSpec.ALL_NODES), List.of());
        }

        /** "pointer value" for every field or string value that names an E2 service model or RAN function. */
        private static void serviceModelHints(JsonNode n, String at, List<String> out) {
            if (n.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String p = at + "/" + Json.escape(e.getKey());
                    if (SERVICE_MODEL_FIELD.matcher(e.getKey()).matches() && !e.getValue().isContainerNode()) {
                        out.add(p + " " + Json.render(e.getValue()));
                    } else {
                        serviceModelHints(e.getValue(), p, out);
                    }
                }
            } else if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) serviceModelHints(n.get(i), at + "/" + i, out);
            } else if (n.isTextual() && SERVICE_MODEL_VALUE.matcher(n.asText()).matches()) {
                out.add(at + " " + Json.render(n));
            }
        }

        private void controls(Messages m) {
            List<String> answers = new ArrayList<>();
            for (String s : m.rx.keySet()) if (MessageKind.of(s) == MessageKind.CONTROL) answers.add(s);
            for (String s : m.tx.keySet()) if (MessageKind.of(s) == MessageKind.CONTROL && !s.equals("RIC_CONTROL_REQ")) answers.add(s);
            String outcome = answers.isEmpty() ? "" : " (" + String.join(", ", answers)
                    + ": the node's answer arrives as the ControlOutcome of ctx.control())";
            if (m.tx.containsKey("RIC_CONTROL_REQ")) {
                notMapped.add("txMessages RIC_CONTROL_REQ" + outcome + ": declare controls explicitly (handover,"
                        + " cell_individual_offset, tx_power, cell_sleep, a3_hysteresis, a3_time_to_trigger, inter_frequency_offset,"
                        + " inter_frequency_threshold); the"
                        + " config-file does not say which control actions the xApp sends");
            } else if (!answers.isEmpty()) {
                notMapped.add("messages " + String.join(", ", answers) + ": answers to RIC Control, which the xApp does not"
                        + " send (no RIC_CONTROL_REQ); in jRIC the answer is the ControlOutcome of ctx.control()");
            }
        }

        private void otherMessages(Messages m) {
            Map<MessageKind, List<String>> rx = byKind(m.rx.keySet());
            Map<MessageKind, List<String>> tx = byKind(m.tx.keySet());
            List<String> policyMessages = new ArrayList<>(rx.getOrDefault(MessageKind.POLICY, List.of()));
            for (String s : tx.getOrDefault(MessageKind.POLICY, List.of())) if (!policyMessages.contains(s)) policyMessages.add(s);
            if (!policyMessages.isEmpty() && m.policies.isEmpty()) {
                notMapped.add("messages " + String.join(", ", policyMessages) + ": A1 policy messages, but the file lists no"
                        + " policy type ids, so no policyTypes were made (declare them)");
            }
            for (Map.Entry<String, Map<MessageKind, List<String>>> dir : Map.of("rxMessages", rx, "txMessages", tx)
                    .entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                dir.getValue().forEach((kind, types) -> {
                    String reason = reason(kind);
                    if (reason != null) notMapped.add(dir.getKey() + " " + String.join(", ", types) + ": " + reason);
                });
            }
        }

        private static Map<MessageKind, List<String>> byKind(Set<String> types) {
            Map<MessageKind, List<String>> out = new java.util.EnumMap<>(MessageKind.class);
            for (String t : types) out.computeIfAbsent(MessageKind.of(t), k -> new ArrayList<>()).add(t);
            return out;
        }

        /** Why a kind of message is dropped, or null for kinds reported elsewhere. */
        private static String reason(MessageKind kind) {
            switch (kind) {
                case HEALTH_CHECK:
                    return "RMR health checks of the xApp container; the platform supervises xApp instances itself"
                            + " (ric xapp status shows each instance's state)";
                case X2:
                    return "X2AP messages relayed over RMR; jRIC has no X2 relay (E2 nodes report through E2 service models)";
                case A1_EI:
                    return "A1 enrichment information; jRIC has no A1-EI";
                case PLATFORM:
                    return "messages of the O-RAN SC platform's own components; no jRIC equivalent (the platform handles E2"
                            + " setup and node state itself)";
                case XAPP_TO_XAPP:
                    return "xApp-to-xApp RMR messages have no jRIC equivalent (share data through the grid caches)";
                default:
                    return null;
            }
        }

        private List<PolicyTypeSpec> policyTypes(List<String> ids, Messages m) {
            List<PolicyTypeSpec> out = new ArrayList<>();
            for (String id : ids) {
                out.add(new PolicyTypeSpec(id, "policy type " + id, "Imported from an O-RAN SC config-file.json",
                        PERMISSIVE_SCHEMA, null));
            }
            if (!ids.isEmpty()) {
                List<String> strings = new ArrayList<>();
                for (JsonNode p : m.policies) if (p.isTextual()) strings.add(Json.render(p));
                List<String> messages = new ArrayList<>();
                for (String t : m.rx.keySet()) if (MessageKind.of(t) == MessageKind.POLICY) messages.add(t);
                for (String t : m.tx.keySet()) if (MessageKind.of(t) == MessageKind.POLICY && !messages.contains(t)) messages.add(t);
                String covered = messages.isEmpty() ? "" : " (" + String.join(", ", messages)
                        + ": A1 delivery, done by the platform: policies arrive through ctx.onPolicy)";
                assumed.add("policies " + String.join(", ", ids) + covered + " -> policyTypes with the permissive schema "
                        + PERMISSIVE_SCHEMA + " (assumed: replace it with each type's real schema from A1)"
                        + (strings.isEmpty() ? "" : "; given as strings: " + String.join(", ", strings)));
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
            assumed.add("controls -> config.values, with the permissive schema " + PERMISSIVE_SCHEMA
                    + " (assumed: write a real schema for config.schema)");
            return new ConfigSpec(PERMISSIVE_SCHEMA, Json.canonical(controls));
        }

        private void notMappedSections(Messages m) {
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
            JsonNode messaging = root.path("messaging");
            JsonNode ports = messaging.path("ports");
            if (ports.size() > 0) {
                List<String> names = new ArrayList<>();
                for (JsonNode p : ports) names.add(text(p.get("name")) + ":" + p.path("port").asText("?"));
                notMapped.add("messaging.ports " + String.join(", ", names)
                        + ": xApps have no RMR or HTTP ports in jRIC; events are delivered in-process");
                for (int i = 0; i < ports.size(); i++) {
                    List<String> extra = new ArrayList<>();
                    for (String k : Json.fieldNames(ports.get(i))) if (!PORT_FIELDS_READ.contains(k)) extra.add(k);
                    if (!extra.isEmpty()) {
                        notMapped.add("/messaging/ports/" + i + " " + String.join(", ", extra)
                                + ": RMR transport settings; jRIC has no RMR, events are delivered in-process");
                    }
                }
            }
            List<String> messagingExtra = new ArrayList<>();
            for (String k : Json.fieldNames(messaging)) if (!k.equals("ports") && !k.equals("mtypes")) messagingExtra.add(k);
            if (!messagingExtra.isEmpty()) notMapped.add("messaging " + String.join(", ", messagingExtra) + ": not a field the importer knows");
            for (String mt : m.mtypes) {
                notMapped.add(mt + ": custom RMR message type numbers; jRIC has no RMR (share data through the grid caches)");
            }
            if (root.has("rmr")) {
                List<String> keys = new ArrayList<>();
                for (String k : Json.fieldNames(root.get("rmr"))) {
                    if (!k.equals("rxMessages") && !k.equals("txMessages") && !k.equals("policies") && !k.equals("mtypes")) keys.add(k);
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
