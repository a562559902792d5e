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
                "version \"1.2\" -> version \"1.2.0\" (normalized to MAJOR.MINOR.PATCH)"), r.mapped());
        assertEquals(List.of(
                "vendor: \"O-RAN SC\" (from the container image \"nexus3.o-ran-sc.org:10002/o-ran-sc/ric-app-ts\")",
                "entry.provider: \"trafficsteering\" (derived from the name; O-RAN SC xApps are containers, so supply a jar"
                        + " as entry.jar holding an io.jric.api.xapp.XappProvider with this id)",
                "rxMessages RIC_INDICATION (RIC_SUB_RESP, RIC_SUB_REQ: the subscription procedure, done by the platform)"
                        + " -> subscriptions[0]: kpm, style cell, every 1000 ms, all nodes (ASSUMED: the file names no service"
                        + " model, so E2SM-KPM was taken; this subscribes on every E2 node: remove it or narrow its nodes if the"
                        + " xApp uses another service model)",
                "policies 20008, 20009 (A1_POLICY_REQ, A1_POLICY_RESP: A1 delivery, done by the platform: policies arrive"
                        + " through ctx.onPolicy) -> policyTypes with the permissive schema {\"type\":\"object\"} (assumed:"
                        + " replace it with each type's real schema from A1)",
                "controls -> config.values, with the permissive schema {\"type\":\"object\"} (assumed: write a real schema"
                        + " for config.schema)"), r.assumed());

        assertEquals(List.of(
                "txMessages RIC_CONTROL_REQ: declare controls explicitly (handover, cell_individual_offset, tx_power,"
                        + " cell_sleep, a3_hysteresis, a3_time_to_trigger, inter_frequency_offset, inter_frequency_threshold); the config-file does not say which control actions"
                        + " the xApp sends",
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
        assertEquals("vendor: \"unknown (imported from O-RAN SC config-file.json)\" (the config-file names no vendor)", r.assumed().get(0));
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
        assertEquals(List.of(new DescriptorProblem("/version", "\"latest\" (expected: a version like \"1\", \"1.0\", \"1.0.0\" or \"1.2.3-rc.1+build5\")")),
                assertThrows(DescriptorException.class,
                        () -> OranScImporter.importJson("{\"name\":\"ok-name\",\"version\":\"latest\"}")).problems());
        assertEquals(List.of(new DescriptorProblem("/messaging/ports/0/policies/1", "\"x y\" (expected: an A1 policy type id, an integer from 1 to 2147483647)")),
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

    private static final String HEAD = "{\"name\":\"ok-name\",\"version\":\"1.0.0\",";

    private static List<DescriptorProblem> problems(String json) {
        return assertThrows(DescriptorException.class, () -> OranScImporter.importJson(json)).problems();
    }

    @Test
    void portsGivenAsAnObjectIsAProblemNotACrash() {
        assertEquals(List.of(new DescriptorProblem("/messaging/ports", "a JSON object (expected: an array of port objects,"
                        + " e.g. [{\"name\":\"rmr-data\",\"port\":4560}])")),
                problems(HEAD + "\"messaging\":{\"ports\":{\"name\":\"rmr-data\",\"rxMessages\":[\"RIC_INDICATION\"]}}}"));
        assertEquals(List.of(new DescriptorProblem("/messaging/ports/1", "a JSON string (expected: a port object)"),
                        new DescriptorProblem("/rmr", "a JSON array (expected: an object)")),
                problems(HEAD + "\"messaging\":{\"ports\":[{},\"x\"]},\"rmr\":[]}"));
        assertEquals(List.of(new DescriptorProblem("/messaging", "a JSON array (expected: an object, e.g."
                        + " {\"ports\":[{\"name\":\"rmr-data\",\"port\":4560}]})")),
                problems(HEAD + "\"messaging\":[]}"));
    }

    @Test
    void wrongTypedSectionsAreReportedWithTheirPointer() {
        assertEquals(List.of(
                        new DescriptorProblem("/messaging/ports/0/rxMessages", "\"RIC_INDICATION\" (expected: an array of RMR"
                                + " message type names, e.g. [\"RIC_INDICATION\"])"),
                        new DescriptorProblem("/messaging/ports/0/txMessages/1", "7 (expected: an RMR message type name, a string)"),
                        new DescriptorProblem("/messaging/ports/0/policies", "\"20008\" (expected: an array of A1 policy type ids,"
                                + " positive integers, e.g. [20008])"),
                        new DescriptorProblem("/rmr/policies", "{\"id\":1} (expected: an array of A1 policy type ids, positive"
                                + " integers, e.g. [20008])")),
                problems(HEAD + "\"messaging\":{\"ports\":[{\"rxMessages\":\"RIC_INDICATION\",\"txMessages\":[\"A\",7],"
                        + "\"policies\":\"20008\"}]},\"rmr\":{\"policies\":{\"id\":1}}}"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertEquals(List.of("/xapp_name", "/version", "/messaging/ports/0/policies/0"),
                problems("{\"version\":\"x\",\"messaging\":{\"ports\":[{\"policies\":[0]}]}}").stream()
                        .map(DescriptorProblem::field).collect(java.util.stream.Collectors.toList()));
    }

    @Test
    void policyIdsMustBePositiveIntegers() {
        String expected = " (expected: an A1 policy type id, an integer from 1 to 2147483647)";
        assertEquals(List.of(new DescriptorProblem("/messaging/ports/0/policies/0", "-1" + expected),
                        new DescriptorProblem("/messaging/ports/0/policies/1", "0" + expected),
                        new DescriptorProblem("/messaging/ports/0/policies/2", "\"abc\"" + expected),
                        new DescriptorProblem("/messaging/ports/0/policies/3", "1.5" + expected),
                        new DescriptorProblem("/messaging/ports/0/policies/4", "2147483648" + expected),
                        new DescriptorProblem("/messaging/ports/0/policies/5", "\"007\"" + expected)),
                problems(HEAD + "\"messaging\":{\"ports\":[{\"policies\":[-1,0,\"abc\",1.5,2147483648,\"007\",1]}]}}"));
        ImportResult r = OranScImporter.importJson(HEAD + "\"messaging\":{\"ports\":[{\"policies\":[2147483647,\"20008\"]}]}}");
        assertEquals(List.of("2147483647", "20008"),
                r.descriptor().policyTypes().stream().map(PolicyTypeSpec::id).collect(java.util.stream.Collectors.toList()));
        assertTrue(r.assumed().stream().anyMatch(l -> l.endsWith("; given as strings: \"20008\"")), r.assumed().toString());
    }

    @Test
    void aVersionGivenAsANumberKeepsItsText() {
        ImportResult r = OranScImporter.importJson("{\"name\":\"ok-name\",\"version\":1.10}");
        assertEquals("1.10.0", r.descriptor().version());
        assertTrue(r.mapped().contains("version 1.10 -> version \"1.10.0\" (normalized to MAJOR.MINOR.PATCH) (a JSON number,"
                + " read as written; write versions as strings: many JSON readers turn 1.10 into 1.1)"), r.mapped().toString());
        assertEquals("2.0.0", OranScImporter.importJson("{\"name\":\"ok-name\",\"version\":2}").descriptor().version());
        assertEquals(List.of(new DescriptorProblem("/version", "1e1 (expected: a version like \"1\", \"1.0\", \"1.0.0\" or"
                + " \"1.2.3-rc.1+build5\")")), problems("{\"name\":\"ok-name\",\"version\":1e1}"));
    }

    @Test
    void semverBuildMetadataIsKept() {
        assertEquals("1.2.3+build5", OranScImporter.importJson("{\"name\":\"ok-name\",\"version\":\"1.2.3+build5\"}")
                .descriptor().version());
        assertEquals("1.2.0-rc.1+b.7", OranScImporter.importJson("{\"name\":\"ok-name\",\"version\":\"v1.2-rc.1+b.7\"}")
                .descriptor().version());
        assertEquals("/version", problems("{\"name\":\"ok-name\",\"version\":\"1.2.3+\"}").get(0).field());
    }

    @Test
    void mtypesAndSubscriptionMessagesWithoutIndicationAreReportedAsDropped() {
        ImportResult r = OranScImporter.importJson(HEAD + "\"messaging\":{\"ports\":[{\"name\":\"rmr-data\",\"port\":4560,"
                + "\"rxMessages\":[\"RIC_SUB_RESP\"],\"txMessages\":[\"RIC_SUB_REQ\"],\"mtypes\":[{\"name\":\"MINE\",\"id\":55555}],"
                + "\"maxSize\":2072}],\"mtypes\":[{\"Name\":\"abdc\",\"Id\":1234}]}}");
        assertEquals(List.of(), r.descriptor().subscriptions());
        assertEquals(List.of(
                "messages RIC_SUB_RESP, RIC_SUB_REQ: the xApp subscribes but receives no RIC_INDICATION, so no subscription"
                        + " was made (declare subscriptions if it needs reports)",
                "messaging.ports rmr-data:4560: xApps have no RMR or HTTP ports in jRIC; events are delivered in-process",
                "/messaging/ports/0 maxSize: RMR transport settings; jRIC has no RMR, events are delivered in-process",
                "/messaging/ports/0/mtypes MINE=55555: custom RMR message type numbers; jRIC has no RMR (share data through the"
                        + " grid caches)",
                "/messaging/mtypes abdc=1234: custom RMR message type numbers; jRIC has no RMR (share data through the grid caches)"),
                r.notMapped());
    }

    @Test
    void messagesAreClassifiedByWhatTheyAre() {
        ImportResult r = OranScImporter.importJson(HEAD + "\"rmr\":{\"rxMessages\":[\"RIC_HEALTH_CHECK_REQ\",\"RIC_CONTROL_ACK\","
                + "\"RIC_SGNB_ADDITION_REQ\",\"RIC_X2_SETUP_RESP\",\"RIC_E2_SETUP_REQ\",\"A1_EI_QUERY_ALL\",\"MY_OWN\"],"
                + "\"txMessages\":[\"RIC_HEALTH_CHECK_RESP\"]}}");
        assertEquals(List.of(
                "messages RIC_CONTROL_ACK: answers to RIC Control, which the xApp does not send (no RIC_CONTROL_REQ); in jRIC the"
                        + " answer is the ControlOutcome of ctx.control()",
                "rxMessages RIC_HEALTH_CHECK_REQ: RMR health checks of the xApp container; the platform supervises xApp"
                        + " instances itself (ric xapp status shows each instance's state)",
                "rxMessages RIC_SGNB_ADDITION_REQ, RIC_X2_SETUP_RESP: X2AP messages relayed over RMR; jRIC has no X2 relay (E2"
                        + " nodes report through E2 service models)",
                "rxMessages A1_EI_QUERY_ALL: A1 enrichment information; jRIC has no A1-EI",
                "rxMessages RIC_E2_SETUP_REQ: messages of the O-RAN SC platform's own components; no jRIC equivalent (the"
                        + " platform handles E2 setup and node state itself)",
                "rxMessages MY_OWN: xApp-to-xApp RMR messages have no jRIC equivalent (share data through the grid caches)",
                "txMessages RIC_HEALTH_CHECK_RESP: RMR health checks of the xApp container; the platform supervises xApp"
                        + " instances itself (ric xapp status shows each instance's state)"),
                r.notMapped());
    }

    @Test
    void indicationBecomesKpmOnlyWhenNothingNamesAnotherServiceModel() {
        String rx = "\"rmr\":{\"rxMessages\":[\"RIC_INDICATION\"]}";
        ImportResult plain = OranScImporter.importJson(HEAD + rx + "}");
        assertEquals(1, plain.descriptor().subscriptions().size());
        assertTrue(plain.assumed().get(plain.assumed().size() - 1).contains("(ASSUMED: the file names no service model"),
                plain.assumed().toString());

        ImportResult rc = OranScImporter.importJson(HEAD + rx + ",\"controls\":{\"subscription\":{\"ranFunctionName\":\"ORAN-E2SM-RC\"}}}");
        assertEquals(List.of(), rc.descriptor().subscriptions());
        assertTrue(rc.notMapped().contains("rxMessages RIC_INDICATION: no subscription made; the file points to a service model"
                + " other than E2SM-KPM (/controls/subscription/ranFunctionName \"ORAN-E2SM-RC\"), and jRIC subscriptions are"
                + " KPM only; declare subscriptions explicitly if the xApp also needs KPM reports"), rc.notMapped().toString());

        ImportResult kpm = OranScImporter.importJson(HEAD + rx + ",\"controls\":{\"e2sm\":\"E2SM-KPM\"}}");
        assertEquals(1, kpm.descriptor().subscriptions().size());
        assertTrue(kpm.mapped().stream().anyMatch(l -> l.contains("(service model from /controls/e2sm \"E2SM-KPM\";")),
                kpm.mapped().toString());
        ImportResult oid = OranScImporter.importJson(HEAD + rx + ",\"controls\":{\"oid\":\"1.3.6.1.4.1.53148.1.2.2.3\"}}");
        assertEquals(List.of(), oid.descriptor().subscriptions());
    }
}
