package io.jric.core.internal.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.descriptor.ConfigSpec;
import io.jric.api.xapp.descriptor.Deployment;
import io.jric.api.xapp.descriptor.DescriptorException;
import io.jric.api.xapp.descriptor.DescriptorProblem;
import io.jric.api.xapp.descriptor.Entry;
import io.jric.api.xapp.descriptor.PolicyTypeSpec;
import io.jric.api.xapp.descriptor.SubscriptionSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OranScImporterTest {

    private static Path sample(String name) {
        try {
            return Path.of(OranScImporterTest.class.getResource("/oran-sc/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void importsTrafficSteeringConfigWithXappName() {
        ImportResult r = OranScImporter.importFile(sample("traffic-steering-config-file.json"));
        XappDescriptor d = r.descriptor();
        assertEquals("trafficsteering", d.name());
        assertEquals("1.2.0", d.version());
        assertEquals("O-RAN SC", d.vendor());
        assertEquals(new Entry("trafficsteering", null), d.entry());
        assertEquals(XappDescriptor.DEFAULT_PRIORITY, d.priority());
        assertEquals(Deployment.DEFAULT, d.deployment());
        assertEquals(List.of(new SubscriptionSpec("kpm", 1000, SubscriptionSpec.Style.CELL, List.of("*"), List.of())),
                d.subscriptions());
        assertEquals(List.of(), d.controls());
        assertEquals(List.of(
                new PolicyTypeSpec("20008", "policy type 20008", "Imported from an O-RAN SC config-file.json", "{\"type\":\"object\"}", null),
                new PolicyTypeSpec("20009", "policy type 20009", "Imported from an O-RAN SC config-file.json", "{\"type\":\"object\"}", null)),
                d.policyTypes());
        assertEquals(Optional.of(new ConfigSpec("{\"type\":\"object\"}",
                "{\"threshold\":50,\"ts_control_api\":\"rest\",\"ts_control_ep\":\"http://127.0.0.1:5000/api/echo\"}")), d.config());

        assertEquals(List.of(
                "xapp_name \"trafficsteering\" -> name",
                "version \"1.2\" -> version \"1.2.0\" (normalized to MAJOR.MINOR.PATCH)",
                "vendor: \"O-RAN SC\" (from the container image \"nexus3.o-ran-sc.org:10002/o-ran-sc/ric-app-ts\")",
                "entry.provider: \"trafficsteering\" (derived from the name; O-RAN SC xApps are containers, so supply a jar"
                        + " as entry.jar holding an io.jric.api.xapp.XappProvider with this id)",
                "rxMessages RIC_INDICATION -> subscriptions[0]: kpm, style cell, every 1000 ms, all nodes (assumed: the"
                        + " config-file does not say which service model, style or period; adjust them)",
                "policies 20008, 20009 -> policyTypes with the permissive schema {\"type\":\"object\"} (assumed: replace it"
                        + " with each type's real schema from A1)",
                "controls -> config.values, with the permissive schema {\"type\":\"object\"} (assumed: write a real schema"
                        + " for config.schema)"), r.mapped());

        assertEquals(List.of(
                "txMessages RIC_CONTROL_REQ: declare controls explicitly (handover, cell_individual_offset, tx_power,"
                        + " cell_sleep); the config-file does not say which control actions the xApp sends",
                "rxMessages TS_QOE_PREDICTION: xApp-to-xApp RMR messages have no jRIC equivalent (share data through the grid caches)",
                "txMessages TS_UE_LIST: xApp-to-xApp RMR messages have no jRIC equivalent (share data through the grid caches)",
                "containers: jRIC runs xApps in the RIC's JVM, not as containers (image nexus3.o-ran-sc.org:10002/o-ran-sc/ric-app-ts:1.2.0)",
                "livenessProbe: the platform supervises xApp instances itself; there is no pod to probe",
                "readinessProbe: the platform supervises xApp instances itself; there is no pod to probe",
                "metrics: metrics are automatic here (per-xApp OpenTelemetry metrics); custom ones are not declared",
                "appenv: environment variables do not apply; put settings in config.values",
                "annotations: Kubernetes annotations do not apply",
                "messaging.ports http:8080, rmr-data:4560, rmr-route:4561: xApps have no RMR or HTTP ports in jRIC;"
                        + " events are delivered in-process"), r.notMapped());
    }

    @Test
    void importsLegacyConfigWithNameAndRmrSection() {
        ImportResult r = OranScImporter.importFile(sample("hw-legacy-rmr-config-file.json"));
        XappDescriptor d = r.descriptor();
        assertEquals("hw-java", d.name());
        assertEquals("1.0.3", d.version());
        assertEquals(OranScImporter.UNKNOWN_VENDOR, d.vendor());
        assertEquals("hw-java", d.entry().provider());
        assertEquals(1, d.subscriptions().size());
        assertEquals(List.of("1"), d.policyTypes().stream().map(PolicyTypeSpec::id).collect(java.util.stream.Collectors.toList()));
        assertEquals("{\"logger\":{\"level\":3},\"subscription\":{\"host\":\"service-ricplt-submgr-http:8088\",\"timeout\":2}}",
                d.config().get().valuesJson());

        assertEquals("name \"HW_Java\" -> name as \"hw-java\" (lower case, a-z 0-9 - only)", r.mapped().get(0));
        assertEquals("version \"1.0.3\" -> version", r.mapped().get(1));
        assertEquals("vendor: \"unknown (imported from O-RAN SC config-file.json)\" (the config-file names no vendor)", r.mapped().get(2));
        assertEquals(List.of(
                "containers: jRIC runs xApps in the RIC's JVM, not as containers (image registry.example.net:5000/acme/hw-java:1.0.3)",
                "rmr protPort, maxSize, numWorkers: RMR transport settings; jRIC has no RMR, events are delivered in-process"),
                r.notMapped());
        // the result is a valid descriptor: it survives a round trip through the parser
        assertEquals(d, DescriptorParser.parse(DescriptorParser.toJson(d), null));
    }

    @Test
    void nameDriftIsReportedAndXappNameWins() {
        ImportResult r = OranScImporter.importJson("{\"xapp_name\":\"qp\",\"name\":\"qpdriver\",\"version\":\"2\"}");
        assertEquals("qp", r.descriptor().name());
        assertEquals("2.0.0", r.descriptor().version());
        assertEquals("xapp_name \"qp\" -> name (name \"qpdriver\" differs; xapp_name wins, as in ric-plt-appmgr)", r.mapped().get(0));
        assertEquals(List.of(), r.descriptor().subscriptions());
        assertEquals(Optional.empty(), r.descriptor().config());
        assertEquals(List.of(), r.notMapped());
    }

    @Test
    void unknownTopLevelFieldsAreListed() {
        ImportResult r = OranScImporter.importJson("{\"name\":\"ad\",\"version\":\"1.0.0\",\"comment\":\"x\",\"controls\":[1]}");
        assertEquals(List.of("controls: a JSON array, not an object, so it cannot become config.values",
                "comment: not a field the importer knows"), r.notMapped());
    }

    @Test
    void errorsNameTheField() {
        assertEquals(List.of(new DescriptorProblem("/", "a JSON array (expected: an O-RAN SC config-file.json object)")),
                assertThrows(DescriptorException.class, () -> OranScImporter.importJson("[]")).problems());
        assertEquals(List.of(new DescriptorProblem("/xapp_name", "missing (expected: xapp_name or name, the xApp's name)"),
                        new DescriptorProblem("/version", "missing (required)")),
                assertThrows(DescriptorException.class, () -> OranScImporter.importJson("{\"containers\":[]}")).problems());
        assertEquals(List.of(new DescriptorProblem("/version", "\"latest\" (expected: a version like 1, 1.0 or 1.0.0)")),
                assertThrows(DescriptorException.class,
                        () -> OranScImporter.importJson("{\"name\":\"ok-name\",\"version\":\"latest\"}")).problems());
        assertEquals(List.of(new DescriptorProblem("/messaging/ports/0/policies/1", "\"x y\" (expected: an A1 policy type id, an integer)")),
                assertThrows(DescriptorException.class, () -> OranScImporter.importJson(
                        "{\"name\":\"ok-name\",\"version\":\"1.0.0\",\"messaging\":{\"ports\":[{\"policies\":[1,\"x y\"]}]}}")).problems());
        DescriptorException notJson = assertThrows(DescriptorException.class, () -> OranScImporter.importJson("{\"name\": }"));
        assertTrue(notJson.problems().get(0).message().startsWith("not valid JSON: line 1, column"), notJson.getMessage());
    }

    @Test
    void unreadableFileIsAProblemAtTheRoot() throws IOException {
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> OranScImporter.importFile(Path.of("/nonexistent/config-file.json")));
        assertEquals("/", e.problems().get(0).field());
        assertEquals("/nonexistent/config-file.json", e.source());
    }
}
