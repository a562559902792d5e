package io.jric.core.internal.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jric.api.xapp.descriptor.PolicyTypeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 13 descriptors published by O-RAN SC xApp repositories (kept outside this repository, in
 * {@code ../shared/conformance-data/oran-descriptors/} next to the checkout; skipped where absent):
 * each imports, the result validates, and the report accounts for every item of the source: every
 * top-level field, every RMR message type, every {@code mtypes} entry and every port setting appears
 * in a mapped, assumed or not-mapped line.
 */
class OranScPublishedDescriptorsTest {
    static final List<String> FILES = List.of("ad.json", "appmgr-guide-mc.json", "bouncer.json", "hw-python.json",
            "hw-rust.json", "hw.json", "kpimon-go.json", "mc.json", "qp-aimlfw.json", "qp.json", "rc.json", "ts.json",
            "xapp-frame.json");

    static Path dir() {
        return RepoDescriptorsTest.reactorRoot().toAbsolutePath().getParent().resolve("shared/conformance-data/oran-descriptors");
    }

    static Stream<String> files() {
        return FILES.stream();
    }

    private static Path file(String name) {
        Path f = dir().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(f), "no " + f + " (the published O-RAN SC descriptors live outside the repository)");
        return f;
    }

    @ParameterizedTest
    @MethodSource("files")
    void importsValidatesAndReportsEveryItem(String name) throws Exception {
        Path f = file(name);
        ImportResult r = OranScImporter.importFile(f);
        // the result is a valid descriptor: it survives a round trip through the parser
        assertEquals(r.descriptor(), DescriptorParser.parse(DescriptorParser.toJson(r.descriptor()), null));
        List<String> report = new ArrayList<>(r.mapped());
        report.addAll(r.assumed());
        report.addAll(r.notMapped());
        String all = String.join("\n", report);
        List<String> missing = new ArrayList<>();
        for (String item : items(Json.read(Files.readString(f)))) if (!all.contains(item)) missing.add(item);
        assertEquals(List.of(), missing, name + ": items the report does not account for; report:\n" + all);
        // RIC platform messages are never called xApp-to-xApp
        for (String line : r.notMapped()) {
            if (line.contains("xApp-to-xApp")) {
                String types = line.substring(line.indexOf(' ') + 1, line.indexOf(':'));
                for (String t : types.split(", ")) assertFalse(t.startsWith("RIC_"), name + ": " + line);
            }
        }
    }

    /** Every item of a config-file the report must mention. */
    private static List<String> items(JsonNode root) {
        List<String> out = new ArrayList<>(Json.fieldNames(root));
        List<JsonNode> holders = new ArrayList<>();
        root.path("messaging").path("ports").forEach(holders::add);
        if (root.has("rmr")) holders.add(root.get("rmr"));
        for (JsonNode h : holders) {
            h.path("rxMessages").forEach(m -> out.add(m.asText()));
            h.path("txMessages").forEach(m -> out.add(m.asText()));
            h.path("mtypes").forEach(m -> out.add(m.path("name").asText()));
            for (String k : Json.fieldNames(h)) {
                if (!List.of("name", "container", "port", "description", "rxMessages", "txMessages", "policies", "mtypes").contains(k)) {
                    out.add(k);
                }
            }
        }
        root.path("messaging").path("mtypes").forEach(m -> out.add(m.path("Name").asText(m.path("name").asText())));
        return out;
    }

    @ParameterizedTest
    @MethodSource("files")
    void subscriptionOnlyFromRicIndicationAndFlaggedAsAssumed(String name) throws Exception {
        Path f = file(name);
        ImportResult r = OranScImporter.importFile(f);
        boolean indication = Files.readString(f).contains("\"RIC_INDICATION\"");
        assertEquals(indication ? 1 : 0, r.descriptor().subscriptions().size(), name);
        if (indication) {
            assertTrue(r.assumed().stream().anyMatch(l -> l.startsWith("rxMessages RIC_INDICATION") && l.contains("ASSUMED")),
                    name + ": " + r.assumed());
        }
    }

    @org.junit.jupiter.api.Test
    void specificMappings() throws IOException {
        Path d = dir();
        Assumptions.assumeTrue(Files.isDirectory(d), "no " + d);
        // hw: subscribes (RIC_SUB_REQ/RESP) but receives no RIC_INDICATION: no subscription, reported
        ImportResult hw = OranScImporter.importFile(d.resolve("hw.json"));
        assertTrue(hw.notMapped().contains("messages RIC_SUB_RESP, RIC_SUB_REQ: the xApp subscribes but receives no"
                + " RIC_INDICATION, so no subscription was made (declare subscriptions if it needs reports)"), hw.notMapped().toString());
        assertTrue(hw.notMapped().stream().anyMatch(l -> l.startsWith("rxMessages RIC_HEALTH_CHECK_REQ: RMR health checks")),
                hw.notMapped().toString());
        // mc: X2 messages are called X2
        ImportResult mc = OranScImporter.importFile(d.resolve("mc.json"));
        assertTrue(mc.notMapped().stream().anyMatch(l -> l.startsWith("rxMessages RIC_UE_CONTEXT_RELEASE, RIC_SGNB_ADDITION_REQ")
                && l.contains("X2AP messages")), mc.notMapped().toString());
        assertTrue(mc.notMapped().contains("txMessages MC_REPORT: xApp-to-xApp RMR messages have no jRIC equivalent"
                + " (share data through the grid caches)"), mc.notMapped().toString());
        // rc: RIC_CONTROL_RESP is the answer to its control, not an xApp-to-xApp message
        ImportResult rc = OranScImporter.importFile(d.resolve("rc.json"));
        assertTrue(rc.notMapped().get(0).startsWith("txMessages RIC_CONTROL_REQ (RIC_CONTROL_RESP: the node's answer arrives"
                + " as the ControlOutcome of ctx.control()): declare controls explicitly"), rc.notMapped().toString());
        // xapp-frame: messaging.mtypes and integer policy ids
        ImportResult frame = OranScImporter.importFile(d.resolve("xapp-frame.json"));
        assertTrue(frame.notMapped().contains("/messaging/mtypes abdc=1234: custom RMR message type numbers; jRIC has no RMR"
                + " (share data through the grid caches)"), frame.notMapped().toString());
        assertEquals(List.of("801111", "902222"),
                frame.descriptor().policyTypes().stream().map(PolicyTypeSpec::id).collect(Collectors.toList()));
        // hw-python: ports[].mtypes
        ImportResult hwPython = OranScImporter.importFile(d.resolve("hw-python.json"));
        assertTrue(hwPython.notMapped().contains("/messaging/ports/2/mtypes TESTNAME1=55555, TESTNAME2=55556: custom RMR message"
                + " type numbers; jRIC has no RMR (share data through the grid caches)"), hwPython.notMapped().toString());
    }
}
