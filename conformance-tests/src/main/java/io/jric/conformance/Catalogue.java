package io.jric.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The list of conformance cases, read from {@code catalogue.json} next to this class. The file is
 * the one place a case is described; the code behind an id lives in a {@link Suite}, and
 * {@code docs/conformance.md} is generated from the file.
 */
public final class Catalogue {
    /** The resource the default catalogue is read from. */
    public static final String RESOURCE = "catalogue.json";
    static final Pattern ID = Pattern.compile("^(E2|A1|DESC|XAPP)-[A-Z0-9]+-[0-9]{3}$");
    static final Set<String> SUITES = Set.of("e2", "a1", "descriptor", "xapp");

    private final Map<String, CaseSpec> cases;

    private Catalogue(Map<String, CaseSpec> cases) {
        this.cases = cases;
    }

    /** The catalogue shipped with the harness. */
    public static Catalogue load() {
        try (InputStream in = Catalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("catalogue resource " + RESOURCE + " missing");
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("catalogue: " + e.getMessage(), e);
        }
    }

    /** Parses and checks a catalogue document; problems name the case and field. */
    static Catalogue parse(JsonNode root) {
        JsonNode list = root.path("cases");
        if (!list.isArray()) throw new IllegalArgumentException("catalogue: /cases: expected an array");
        Map<String, CaseSpec> out = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode c : list) {
            String at = "catalogue: /cases/" + i++;
            String id = text(c, "id", at);
            at += " (" + id + ")";
            if (!ID.matcher(id).matches()) throw new IllegalArgumentException(at + ": id does not match " + ID.pattern());
            if (out.containsKey(id)) throw new IllegalArgumentException(at + ": duplicate id");
            String suite = text(c, "suite", at);
            if (!SUITES.contains(suite)) throw new IllegalArgumentException(at + ": suite '" + suite + "' (expected one of " + SUITES + ")");
            List<TargetKind> targets = new ArrayList<>();
            for (JsonNode t : c.path("targets")) targets.add(TargetKind.of(t.asText()));
            if (targets.isEmpty()) throw new IllegalArgumentException(at + ": targets: expected at least one of ric, xapp, e2node");
            List<String> pre = new ArrayList<>();
            for (JsonNode p : c.path("preconditions")) pre.add(p.asText());
            Map<TargetKind, List<String>> steps = new EnumMap<>(TargetKind.class);
            Map<TargetKind, String> expected = new EnumMap<>(TargetKind.class);
            for (TargetKind t : targets) {
                JsonNode s = c.path("steps").path(t.id());
                if (!s.isArray() || s.isEmpty()) throw new IllegalArgumentException(at + ": steps." + t.id() + ": expected a non-empty array");
                List<String> l = new ArrayList<>();
                for (JsonNode x : s) l.add(x.asText());
                steps.put(t, l);
                JsonNode e = c.path("expected").path(t.id());
                if (!e.isTextual() || e.asText().isBlank()) throw new IllegalArgumentException(at + ": expected." + t.id() + ": expected a text");
                expected.put(t, e.asText());
            }
            for (String part : List.of("steps", "expected")) {
                for (Iterator<String> it = c.path(part).fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!targets.contains(TargetKind.of(k))) {
                        throw new IllegalArgumentException(at + ": " + part + "." + k + ": not one of the case's targets " + targets);
                    }
                }
            }
            String status = text(c, "status", at);
            CaseSpec.Status st;
            try {
                st = CaseSpec.Status.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": status '" + status + "' (expected: implemented or planned)");
            }
            out.put(id, new CaseSpec(id, text(c, "title", at), suite, targets, text(c, "reference", at), pre, steps, expected, st));
        }
        return new Catalogue(out);
    }

    private static String text(JsonNode c, String field, String at) {
        JsonNode n = c.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) throw new IllegalArgumentException(at + ": " + field + ": missing or empty");
        return n.asText();
    }

    /** Every case, in catalogue order. */
    public Collection<CaseSpec> cases() {
        return cases.values();
    }

    public Optional<CaseSpec> get(String id) {
        return Optional.ofNullable(cases.get(id));
    }

    /**
     * The cases whose id matches one of the patterns (comma-separated globs, {@code *} matching
     * any run of characters, e.g. {@code E2-*,DESC-REQ-001}); every case for an empty selection.
     * A pattern that matches nothing is an error naming it.
     */
    public List<CaseSpec> select(String patterns) {
        if (patterns == null || patterns.isBlank()) return List.copyOf(cases.values());
        List<Pattern> ps = new ArrayList<>();
        for (String p : patterns.split(",")) {
            String t = p.trim();
            if (t.isEmpty()) continue;
            Pattern re = glob(t);
            if (cases.keySet().stream().noneMatch(id -> re.matcher(id).matches())) {
                throw new IllegalArgumentException("--cases: '" + t + "' matches no case id (ids look like E2-SETUP-001)");
            }
            ps.add(re);
        }
        List<CaseSpec> out = new ArrayList<>();
        for (CaseSpec c : cases.values()) {
            if (ps.stream().anyMatch(re -> re.matcher(c.id()).matches())) out.add(c);
        }
        return out;
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toUpperCase(Locale.ROOT).toCharArray()) {
            if (ch == '*') re.append(".*");
            else if (ch == '?') re.append('.');
            else re.append(Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(re.toString());
    }

    /** Ids of the implemented cases that apply to a target kind. */
    public Set<String> implementedFor(TargetKind kind) {
        Set<String> out = new HashSet<>();
        for (CaseSpec c : cases.values()) if (c.implemented() && c.appliesTo(kind)) out.add(c.id());
        return out;
    }
}
