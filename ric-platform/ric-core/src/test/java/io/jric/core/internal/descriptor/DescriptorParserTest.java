package io.jric.core.internal.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jric.api.xapp.descriptor.ControlAction;
import io.jric.api.xapp.descriptor.ControlSpec;
import io.jric.api.xapp.descriptor.Deployment;
import io.jric.api.xapp.descriptor.DescriptorException;
import io.jric.api.xapp.descriptor.DescriptorProblem;
import io.jric.api.xapp.descriptor.ExperienceSpec;
import io.jric.api.xapp.descriptor.HandlerSpec;
import io.jric.api.xapp.descriptor.ModelGate;
import io.jric.api.xapp.descriptor.ModelSpec;
import io.jric.api.xapp.descriptor.PolicyTypeSpec;
import io.jric.api.xapp.descriptor.SubscriptionSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DescriptorParserTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;

    private static String validJson;

    /** The fixture descriptor, its policy schema, the jar it names and a broken schema file, in a temp dir. */
    @BeforeAll
    static void copyFixture() throws IOException {
        validJson = resource("/descriptors/valid/xapp.json");
        Files.writeString(dir.resolve("xapp.json"), validJson);
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("policies/txpower.schema.json"), resource("/descriptors/valid/policies/txpower.schema.json"));
        Files.writeString(dir.resolve("policies/not-json.json"), "{\n  \"type\": \"object\",\n  oops\n}\n");
        Files.writeString(dir.resolve("policies/array.json"), "[1, 2]");
        Files.createDirectories(dir.resolve("lib"));
        Files.write(dir.resolve("lib/hello-xapp.jar"), new byte[] {'P', 'K', 3, 4});
    }

    static String resource(String name) throws IOException {
        try (InputStream in = DescriptorParserTest.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void fullDescriptorParsesWithEveryField() {
        XappDescriptor d = DescriptorParser.parse(dir.resolve("xapp.json"));
        assertEquals("1", d.schemaVersion());
        assertEquals("hello-xapp", d.name());
        assertEquals("1.0.0-rc.1", d.version());
        assertEquals("jRIC", d.vendor());
        assertEquals("1", d.sdkApiVersion());
        assertEquals(Optional.of("Test fixture: a descriptor that uses every field."), d.description());
        assertEquals("hello", d.entry().provider());
        assertEquals(Optional.of(Path.of("lib/hello-xapp.jar")), d.entry().jarPath());
        assertEquals(60, d.priority());
        assertEquals(new Deployment(2, 1, Deployment.Placement.SPREAD), d.deployment());
        assertEquals(2048, d.queueCapacity());

        assertEquals(List.of(
                new SubscriptionSpec("kpm", 1000, SubscriptionSpec.Style.CELL, List.of("*"),
                        List.of("00f110:000004000", "00f110:000004001")),
                new SubscriptionSpec("kpm", 500, SubscriptionSpec.Style.CELL_AND_UE,
                        List.of("gnb:00f110:1/22", "gnb:00f110:2/22:du=3"), List.of())), d.subscriptions());
        assertTrue(d.subscriptions().get(0).allNodes());
        assertEquals(4, d.subscriptions().get(1).style().kpmReportStyle());

        assertEquals(List.of(
                new ControlSpec(ControlAction.TX_POWER, ControlSpec.Scope.CELL, 30.0, 46.0),
                new ControlSpec(ControlAction.HANDOVER, ControlSpec.Scope.UE, null, null),
                new ControlSpec(ControlAction.CELL_INDIVIDUAL_OFFSET, ControlSpec.Scope.CELL, -6.5, 6.0),
                new ControlSpec(ControlAction.CELL_SLEEP, ControlSpec.Scope.CELL, null, null)), d.controls());
        assertEquals(Optional.of(46.0), d.control(ControlAction.TX_POWER).flatMap(ControlSpec::max));

        assertEquals(2, d.policyTypes().size());
        PolicyTypeSpec p = d.policyTypes().get(0);
        assertEquals("20008", p.id());
        assertEquals("tx power bounds", p.name());
        assertEquals(Optional.of("Bounds the transmit power the xApp may set."), p.description());
        assertTrue(p.schemaJson().startsWith("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\""), p.schemaJson());
        assertTrue(p.schemaJson().contains("\"maxTxPowerDbm\":{\"maximum\":60,\"minimum\":0,\"type\":\"number\"}"), p.schemaJson());
        assertEquals(Optional.of("{\"maxTxPowerDbm\":43,\"minTxPowerDbm\":30}"), p.defaultInstanceJson());
        PolicyTypeSpec ho = d.policyTypes().get(1);
        assertEquals("ho.threshold:v1", ho.id());
        assertEquals(Optional.empty(), ho.description());
        assertEquals(Optional.empty(), ho.defaultInstanceJson());
        assertTrue(ho.schemaJson().contains("draft-07"), ho.schemaJson());

        assertEquals(List.of(
                new ModelSpec("tx-power-mlp", List.of("prbUsedDlPct", "txPowerDbm"), ModelSpec.Format.DL4J,
                        List.of(ModelSpec.Format.KERAS_H5)),
                new ModelSpec("ho-classifier", List.of("rsrp", "rsrq", "cqi"), ModelSpec.Format.KERAS_H5)), d.models());

        assertTrue(d.config().isPresent());
        assertEquals("{\"mode\":\"auto\",\"thresholdDbm\":-100}", d.config().get().valuesJson());
        assertTrue(d.config().get().schemaJson().contains("\"required\":[\"thresholdDbm\"]"));

        assertEquals(Optional.of(new ExperienceSpec(5000, List.of("throughputDlMbps", "energyWh"), ExperienceSpec.Scope.CELL, 5000)),
                d.experience());
    }

    @Test
    void minimalDescriptorGetsTheDefaults() {
        XappDescriptor d = DescriptorParser.parse("{\"schemaVersion\":\"1\",\"name\":\"mini\",\"version\":\"0.1.0\","
                + "\"vendor\":\"x\",\"sdkApiVersion\":\"1\",\"entry\":{\"provider\":\"mini\"}}", null);
        assertEquals(XappDescriptor.DEFAULT_PRIORITY, d.priority());
        assertEquals(Deployment.DEFAULT, d.deployment());
        assertEquals(XappDescriptor.DEFAULT_QUEUE_CAPACITY, d.queueCapacity());
        assertEquals(Optional.empty(), d.entry().jarPath());
        assertEquals(Optional.empty(), d.description());
        assertEquals(Optional.empty(), d.config());
        assertTrue(d.subscriptions().isEmpty() && d.controls().isEmpty() && d.policyTypes().isEmpty() && d.models().isEmpty());
        assertEquals(Optional.empty(), d.experience());
        assertEquals(HandlerSpec.DEFAULT, d.handler());
        assertFalse(d.handler().nonBlocking());
    }

    @Test
    void aNonBlockingHandlerIsReadWithItsBudgetAndRoundTrips() {
        String head = "{\"schemaVersion\":\"1\",\"name\":\"mini\",\"version\":\"0.1.0\","
                + "\"vendor\":\"x\",\"sdkApiVersion\":\"1\",\"entry\":{\"provider\":\"mini\"},";
        XappDescriptor d = DescriptorParser.parse(head + "\"handler\":{\"nonBlocking\":true,\"budgetUs\":150}}", null);
        assertEquals(new HandlerSpec(true, 150), d.handler());
        assertEquals(d, DescriptorParser.parse(DescriptorParser.toJson(d), null));
        XappDescriptor dflt = DescriptorParser.parse(head + "\"handler\":{\"nonBlocking\":true}}", null);
        assertEquals(new HandlerSpec(true, HandlerSpec.DEFAULT_BUDGET_US), dflt.handler());
        assertTrue(DescriptorParser.toJson(dflt).contains("\"budgetUs\" : 200"), DescriptorParser.toJson(dflt));
    }

    @Test
    void experienceDefaultsToCellScopeAndTheDefaultRowBound() {
        XappDescriptor d = DescriptorParser.parse("{\"schemaVersion\":\"1\",\"name\":\"mini\",\"version\":\"0.1.0\","
                + "\"vendor\":\"x\",\"sdkApiVersion\":\"1\",\"entry\":{\"provider\":\"mini\"},"
                + "\"experience\":{\"horizonMs\":2000,\"outcome\":[\"rlfCount\"]}}", null);
        assertEquals(new ExperienceSpec(2000, List.of("rlfCount"), ExperienceSpec.Scope.CELL, ExperienceSpec.DEFAULT_MAX_ROWS),
                d.experience().orElseThrow());
        assertEquals(d, DescriptorParser.parse(DescriptorParser.toJson(d), null));
    }

    @Test
    void theUesOwnOutcomeFiguresNeedTheUeScope() {
        String head = "{\"schemaVersion\":\"1\",\"name\":\"mini\",\"version\":\"0.1.0\",\"vendor\":\"x\",\"sdkApiVersion\":\"1\","
                + "\"entry\":{\"provider\":\"mini\"},";
        XappDescriptor d = DescriptorParser.parse(head + "\"experience\":{\"horizonMs\":3000,\"scope\":\"ue\","
                + "\"outcome\":[\"ue.sinrDb\",\"ue.pingPong\",\"ue.targetSinrDb\",\"rlfCount\"]}}", null);
        assertEquals(new ExperienceSpec(3000, List.of("ue.sinrDb", "ue.pingPong", "ue.targetSinrDb", "rlfCount"),
                ExperienceSpec.Scope.UE, ExperienceSpec.DEFAULT_MAX_ROWS), d.experience().orElseThrow());
        assertEquals(d, DescriptorParser.parse(DescriptorParser.toJson(d), null));
        DescriptorException cell = assertThrows(DescriptorException.class, () -> DescriptorParser.parse(head
                + "\"experience\":{\"horizonMs\":3000,\"outcome\":[\"rlfCount\",\"ue.sinrDb\"]}}", null));
        assertTrue(cell.getMessage().contains("/experience/outcome/1") && cell.getMessage().contains("\"scope\": \"ue\""),
                cell.getMessage());
        DescriptorException unknown = assertThrows(DescriptorException.class, () -> DescriptorParser.parse(head
                + "\"experience\":{\"horizonMs\":3000,\"scope\":\"ue\",\"outcome\":[\"ue.rlf\"]}}", null));
        assertTrue(unknown.getMessage().contains("/experience/outcome/0"), unknown.getMessage());
    }

    @Test
    void aModelGateIsParsedWithItsDefaultsAndNeedsTheExperienceSection() {
        String head = "{\"schemaVersion\":\"1\",\"name\":\"mini\",\"version\":\"0.1.0\",\"vendor\":\"x\",\"sdkApiVersion\":\"1\","
                + "\"entry\":{\"provider\":\"mini\"},\"models\":[{\"name\":\"m\",\"inputFeatures\":[\"a\",\"b\"],\"format\":\"dl4j\","
                + "\"gate\":{\"metric\":\"mae\",\"direction\":\"min\",\"robustness\":{\"missingDefaults\":{\"b\":3}}}}]";
        XappDescriptor d = DescriptorParser.parse(head + ",\"experience\":{\"horizonMs\":2000,\"outcome\":[\"rlfCount\"]}}", null);
        ModelGate g = d.models().get(0).gate().orElseThrow();
        assertEquals(new ModelGate("mae", ModelGate.Direction.MIN, 0, null, 20, 50, 5, 1, 25, java.util.Map.of("b", 3.0)), g);
        assertEquals(d, DescriptorParser.parse(DescriptorParser.toJson(d), null), "the gate survives the round trip");
        DescriptorException e = assertThrows(DescriptorException.class, () -> DescriptorParser.parse(head + "}", null));
        assertTrue(e.getMessage().contains("/models/0/gate") && e.getMessage().contains("the descriptor's experience section too"),
                e.getMessage());
    }

    @Test
    void defaultsInsideSectionsFollowThePlacement() throws IOException {
        ObjectNode root = valid();
        ObjectNode dep = root.putObject("deployment");
        dep.put("placement", "node-singleton");
        ((ObjectNode) root.get("subscriptions").get(0)).remove(List.of("nodes", "cells"));
        ((ObjectNode) root.get("config")).remove("values");
        ((ObjectNode) root.get("config").get("schema")).remove("required");
        XappDescriptor d = DescriptorParser.parse(MAPPER.writeValueAsString(root), dir);
        assertEquals(new Deployment(0, 1, Deployment.Placement.NODE_SINGLETON), d.deployment());
        assertEquals(List.of("*"), d.subscriptions().get(0).nodes());
        assertEquals(List.of(), d.subscriptions().get(0).cells());
        assertEquals("{}", d.config().get().valuesJson());
    }

    @Test
    void toJsonIsSelfContainedAndRoundTrips() {
        XappDescriptor d = DescriptorParser.parse(dir.resolve("xapp.json"));
        String json = DescriptorParser.toJson(d);
        assertFalse(json.contains("policies/txpower.schema.json"), "schema file must be inlined");
        assertTrue(json.contains("\"jar\" : \"lib/hello-xapp.jar\""), json);
        assertEquals(d, DescriptorParser.parse(json, null));
        assertEquals(json, DescriptorParser.toJson(DescriptorParser.parse(json, null)));
    }

    // ---------------------------------------------------------------------------------------------
    // One table row per bad descriptor: the valid one with one field set, removed or renamed.

    static Arguments set(String pointer, String valueJson, String field, String fragment) {
        return Arguments.of("set " + pointer + " = " + valueJson, pointer, valueJson, field, fragment);
    }

    static Arguments remove(String pointer, String field, String fragment) {
        return Arguments.of("remove " + pointer, pointer, null, field, fragment);
    }

    static Arguments rename(String pointer, String newName, String field, String fragment) {
        return Arguments.of("rename " + pointer + " to " + newName, pointer, "->" + newName, field, fragment);
    }

    static Stream<Arguments> badDescriptors() {
        String seventeen = Stream.generate(() -> "{\"serviceModel\":\"kpm\",\"reportPeriodMs\":1000,\"style\":\"cell\"}")
                .limit(17).collect(Collectors.joining(",", "[", "]"));
        return Stream.of(
                set("/schemaVersion", "\"2\"", "/schemaVersion", "\"2\" (expected: \"1\")"),
                set("/schemaVersion", "1", "/schemaVersion", "1 (expected: \"1\")"),
                remove("/name", "/name", "missing (required)"),
                set("/name", "\"Hello_X\"", "/name", "\"Hello_X\" (expected: a string matching ^[a-z][a-z0-9-]{1,62}$)"),
                rename("/name", "nam", "/nam", "unknown field (did you mean \"name\"?)"),
                set("/version", "\"1.0\"", "/version", "\"1.0\" (expected: a string matching ^(0|[1-9]"),
                remove("/version", "/version", "missing (required)"),
                set("/vendor", "\"\"", "/vendor", "\"\" (expected: at least 1 character)"),
                set("/sdkApiVersion", "\"2\"", "/sdkApiVersion", "\"2\" (expected: \"1\", the SDK API version this RIC supports)"),
                set("/sdkApiVersion", "\"one\"", "/sdkApiVersion", "(expected: a string matching ^[0-9]+$)"),
                set("/description", "42", "/description", "42 (expected: a string)"),
                remove("/entry", "/entry", "missing (required)"),
                set("/entry/provider", "\"Hello\"", "/entry/provider", "\"Hello\" (expected: a string matching ^[a-z][a-z0-9-.]{1,62}$)"),
                rename("/entry/provider", "provder", "/entry/provder", "unknown field (did you mean \"provider\"?)"),
                set("/entry/jar", "\"lib/missing.jar\"", "/entry/jar", "\"lib/missing.jar\" (expected: an existing jar file; nothing at "),
                set("/priority", "101", "/priority", "101 (expected: <= 100)"),
                set("/priority", "\"high\"", "/priority", "\"high\" (expected: an integer)"),
                set("/deployment/placement", "\"cluster-singleton\"", "/deployment/instances", "2 (expected: 1 for placement cluster-singleton"),
                set("/deployment/placement", "\"node-singleton\"", "/deployment/instances", "2 (expected: absent or 0 for placement node-singleton"),
                set("/deployment/instances", "0", "/deployment/instances", "0 (expected: >= 1 for placement spread)"),
                set("/deployment/placement", "\"spred\"", "/deployment/placement", "\"spred\" (expected: one of \"cluster-singleton\", \"node-singleton\", \"spread\"; did you mean \"spread\"?)"),
                set("/deployment/maxPerNode", "0", "/deployment/maxPerNode", "0 (expected: >= 1)"),
                set("/deployment/replicas", "3", "/deployment/replicas", "unknown field (expected one of: \"instances\", \"maxPerNode\", \"placement\")"),
                set("/queueCapacity", "8", "/queueCapacity", "8 (expected: >= 16)"),
                set("/queueCapacity", "2000000", "/queueCapacity", "2000000 (expected: <= 1000000)"),
                set("/handler", "{\"budgetUs\":5}", "/handler/budgetUs", "5 (expected: >= 10)"),
                set("/handler", "{\"budgetUs\":100001}", "/handler/budgetUs", "100001 (expected: <= 100000)"),
                set("/handler", "{\"nonBlocking\":\"yes\"}", "/handler/nonBlocking", "\"yes\" (expected: a boolean)"),
                set("/handler", "{\"nonBlockin\":true}", "/handler/nonBlockin", "unknown field (did you mean \"nonBlocking\"?)"),
                set("/subscriptions", seventeen, "/subscriptions", "17 items (expected: at most 16)"),
                set("/subscriptions/0/serviceModel", "\"rc\"", "/subscriptions/0/serviceModel", "\"rc\" (expected: one of \"kpm\")"),
                set("/subscriptions/0/reportPeriodMs", "5", "/subscriptions/0/reportPeriodMs", "5 (expected: >= 10)"),
                remove("/subscriptions/1/reportPeriodMs", "/subscriptions/1/reportPeriodMs", "missing (required)"),
                set("/subscriptions/0/style", "\"ue\"", "/subscriptions/0/style", "\"ue\" (expected: one of \"cell\", \"cell-and-ue\")"),
                set("/subscriptions/0/nodes", "[\"*\", \"gnb:00f110:1/22\"]", "/subscriptions/0/nodes", "(expected: [\"*\"] alone, or node ids without \"*\")"),
                set("/subscriptions/1/nodes/1", "\"gnb-1\"", "/subscriptions/1/nodes/1", "\"gnb-1\" (expected: a string matching ^(\\*|(gnb|en-gnb"),
                set("/subscriptions/0/cells/0", "\"00f110:4000\"", "/subscriptions/0/cells/0", "\"00f110:4000\" (expected: a string matching ^[0-9a-f]{6}:[0-9a-f]{9}$)"),
                set("/controls/0/action", "\"tx-power\"", "/controls/0/action", "did you mean \"tx_power\"?"),
                set("/controls/1/scope", "\"cell\"", "/controls/1/scope", "\"cell\" (expected: \"ue\" for handover)"),
                set("/controls/3/scope", "\"ue\"", "/controls/3/scope", "\"ue\" (expected: \"cell\" for cell_sleep)"),
                remove("/controls/0/scope", "/controls/0/scope", "missing (required)"),
                set("/controls/0/min", "50", "/controls/0/min", "50 (expected: <= max, which is 46)"),
                set("/controls/1/max", "3", "/controls/1/max", "3 (expected: absent for handover; min/max bound only tx_power, cell_individual_offset, a3_hysteresis, a3_time_to_trigger, inter_frequency_offset and inter_frequency_threshold)"),
                set("/controls/2/action", "\"tx_power\"", "/controls/2/action", "\"tx_power\" (expected: each action at most once; already declared at /controls/0)"),
                set("/controls/0/max", "\"46\"", "/controls/0/max", "\"46\" (expected: a number)"),
                set("/policyTypes/0/id", "\"bad id!\"", "/policyTypes/0/id", "\"bad id!\" (expected: a string matching ^[A-Za-z0-9_.:-]{1,64}$)"),
                set("/policyTypes/1/id", "\"20008\"", "/policyTypes/1/id", "\"20008\" (expected: a unique policy type id; already used at /policyTypes/0/id)"),
                remove("/policyTypes/0/name", "/policyTypes/0/name", "missing (required)"),
                set("/policyTypes/0/schema", "\"policies/missing.json\"", "/policyTypes/0/schema", "\"policies/missing.json\" (expected: a JSON Schema file; nothing at "),
                set("/policyTypes/0/schema", "\"policies/not-json.json\"", "/policyTypes/0/schema", "(expected: a JSON Schema file; not valid JSON at line 3, column "),
                set("/policyTypes/0/schema", "\"policies/array.json\"", "/policyTypes/0/schema", "(expected: a file holding a JSON Schema object; it holds a JSON array)"),
                set("/policyTypes/0/schema", "5", "/policyTypes/0/schema", "5 (expected: an object or a string)"),
                set("/policyTypes/1/schema/properties/rsrpThresholdDbm/type", "\"nmber\"", "/policyTypes/1/schema/properties/rsrpThresholdDbm/type", "\"nmber\""),
                set("/policyTypes/0/defaultInstance/maxTxPowerDbm", "\"high\"", "/policyTypes/0/defaultInstance/maxTxPowerDbm", "\"high\" (expected: a number)"),
                set("/policyTypes/0/defaultInstance/maxTxPowerDbm", "99", "/policyTypes/0/defaultInstance/maxTxPowerDbm", "99 (expected: <= 60)"),
                set("/policyTypes/0/defaultInstance/maxPowr", "1", "/policyTypes/0/defaultInstance/maxPowr", "unknown field"),
                set("/policyTypes/0/owner", "\"me\"", "/policyTypes/0/owner", "unknown field (expected one of: \"id\", \"name\", \"description\", \"schema\", \"defaultInstance\")"),
                set("/models/0/format", "\"onnx\"", "/models/0/format", "\"onnx\" (expected: one of \"dl4j\", \"keras-h5\")"),
                set("/models/0/alsoAccepts", "[\"onnx\"]", "/models/0/alsoAccepts/0", "\"onnx\" (expected: one of \"dl4j\", \"keras-h5\")"),
                set("/models/0/alsoAccepts", "\"keras-h5\"", "/models/0/alsoAccepts", "\"keras-h5\" (expected: an array)"),
                set("/models/0/inputFeatures", "[]", "/models/0/inputFeatures", "0 items (expected: at least 1)"),
                set("/models/0/inputFeatures", "[\"a\", \"a\"]", "/models/0/inputFeatures", "[\"a\",\"a\"] (expected: no duplicate items)"),
                set("/models/0/inputFeatures/1", "\"\"", "/models/0/inputFeatures/1", "\"\" (expected: at least 1 character)"),
                set("/models/1/name", "\"tx-power-mlp\"", "/models/1/name", "\"tx-power-mlp\" (expected: a unique model name; already used at /models/0/name)"),
                set("/config/values/thresholdDbm", "\"low\"", "/config/values/thresholdDbm", "\"low\" (expected: a number)"),
                remove("/config/values/thresholdDbm", "/config/values/thresholdDbm", "missing (required)"),
                set("/config/values/mode", "\"manul\"", "/config/values/mode", "did you mean \"manual\"?"),
                remove("/config/schema", "/config/schema", "missing (required)"),
                set("/config/extra", "1", "/config/extra", "unknown field (expected one of: \"schema\", \"values\")"),
                remove("/experience/horizonMs", "/experience/horizonMs", "missing (required)"),
                set("/experience/horizonMs", "50", "/experience/horizonMs", "50 (expected: >= 100)"),
                set("/experience/horizonMs", "7200000", "/experience/horizonMs", "7200000 (expected: <= 3600000)"),
                set("/experience/outcome", "[]", "/experience/outcome", "0 items (expected: at least 1)"),
                set("/experience/outcome/1", "\"energy\"", "/experience/outcome/1", "\"energy\" (expected: one of \"prbUsedDlPct\""),
                set("/experience/outcome/1", "\"throughputDlMbps\"", "/experience/outcome", "(expected: no duplicate items)"),
                set("/experience/scope", "\"node\"", "/experience/scope", "\"node\" (expected: one of \"cell\", \"ue\")"),
                set("/experience/maxRows", "0", "/experience/maxRows", "0 (expected: >= 1)"),
                set("/experience/maxRow", "10", "/experience/maxRow", "unknown field (did you mean \"maxRows\"?)"),
                set("/models/0/gate", "{\"metric\":\"mae\"}", "/models/0/gate/direction", "missing (required)"),
                set("/models/0/gate", "{\"metric\":\"mae\",\"direction\":\"down\"}", "/models/0/gate/direction", "\"down\" (expected: one of \"min\", \"max\")"),
                set("/models/0/gate", "{\"metric\":\"mae\",\"direction\":\"min\",\"heldOutPct\":0}", "/models/0/gate/heldOutPct", "0 (expected: >= 1)"),
                set("/models/0/gate", "{\"metric\":\"mae\",\"direction\":\"min\",\"minImprovementPct\":101}", "/models/0/gate/minImprovementPct", "101 (expected: <= 100)"),
                set("/models/0/gate", "{\"metric\":\"mae\",\"direction\":\"min\",\"robustness\":{\"noise\":5}}", "/models/0/gate/robustness/noise", "unknown field"),
                set("/models/0/gate", "{\"metric\":\"mae\",\"direction\":\"min\",\"robustness\":{\"missingDefaults\":{\"avgCqi\":7}}}",
                        "/models/0/gate/robustness/missingDefaults/avgCqi", "\"avgCqi\" (expected: one of the model's inputFeatures [prbUsedDlPct, txPowerDbm])"),
                set("/models/0/gate", "{\"metric\":\"mae\",\"direction\":\"min\",\"robustness\":{\"missingDefaults\":{\"txPowerDbm\":\"high\"}}}",
                        "/models/0/gate/robustness/missingDefaults/txPowerDbm", "\"high\" (expected: a number)"),
                set("/config/schema/$ref", "\"https://example.com/remote.json\"", "/config/schema", "(expected: a JSON Schema whose $refs stay within itself)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDescriptors")
    void badDescriptorNamesFieldAndExpectation(String label, String pointer, String value, String field, String fragment)
            throws IOException {
        ObjectNode root = valid();
        mutate(root, pointer, value);
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> DescriptorParser.parse(MAPPER.writeValueAsString(root), dir));
        List<DescriptorProblem> atField = e.problems().stream().filter(p -> p.field().equals(field)).collect(Collectors.toList());
        if (atField.isEmpty()) fail("no problem at " + field + "; got:\n" + e.getMessage());
        assertTrue(atField.stream().anyMatch(p -> p.message().contains(fragment)),
                "expected a problem at " + field + " containing <" + fragment + ">; got:\n" + e.getMessage());
        assertTrue(e.getMessage().contains(field + ": "), e.getMessage());
    }

    @Test
    void everyProblemIsReportedOnePerLine() throws IOException {
        ObjectNode root = valid();
        root.put("priority", 500);
        root.remove("vendor");
        ((ObjectNode) root.get("controls").get(1)).put("scope", "cell");
        ((ObjectNode) root.get("deployment")).put("instances", 0);
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> DescriptorParser.parse(MAPPER.writeValueAsString(root), dir));
        assertEquals(List.of("/vendor", "/priority", "/deployment/instances", "/controls/1/scope"),
                e.problems().stream().map(DescriptorProblem::field).collect(Collectors.toList()), e.getMessage());
        List<String> lines = e.getMessage().lines().collect(Collectors.toList());
        assertEquals("invalid xApp descriptor (4 problems)", lines.get(0));
        assertEquals("/vendor: missing (required)", lines.get(1));
        assertEquals("/priority: 500 (expected: <= 100)", lines.get(2));
        assertEquals("/deployment/instances: 0 (expected: >= 1 for placement spread)", lines.get(3));
        assertEquals("/controls/1/scope: \"cell\" (expected: \"ue\" for handover)", lines.get(4));
    }

    @Test
    void fileErrorsNameTheFile() throws IOException {
        Path bad = dir.resolve("bad/xapp.json");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, validJson.replace("\"priority\": 60", "\"priority\": -1"));
        DescriptorException e = assertThrows(DescriptorException.class, () -> DescriptorParser.parse(bad));
        assertEquals(bad.toString(), e.source());
        assertTrue(e.getMessage().startsWith("invalid xApp descriptor " + bad + " (3 problems)"), e.getMessage());
        // the relative schema and jar paths are resolved against bad/, where they do not exist
        assertTrue(e.getMessage().contains("/priority: -1 (expected: >= 0)"), e.getMessage());
        assertTrue(e.getMessage().contains("/entry/jar: \"lib/hello-xapp.jar\" (expected: an existing jar file"), e.getMessage());
        assertTrue(e.getMessage().contains("/policyTypes/0/schema: \"policies/txpower.schema.json\" (expected: a JSON Schema file; nothing at "
                + bad.getParent().resolve("policies/txpower.schema.json")), e.getMessage());
    }

    @Test
    void jarCheckCanBeSkipped() throws IOException {
        Path other = dir.resolve("nojar/xapp.json");
        Files.createDirectories(other.getParent().resolve("policies"));
        Files.writeString(other, validJson);
        Files.copy(dir.resolve("policies/txpower.schema.json"), other.getParent().resolve("policies/txpower.schema.json"));
        assertThrows(DescriptorException.class, () -> DescriptorParser.parse(other));
        assertEquals("hello-xapp", DescriptorParser.parse(other, DescriptorParser.JarCheck.SKIPPED).name());
    }

    @Test
    void invalidJsonIsAProblemAtTheRootWithLineAndColumn() {
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> DescriptorParser.parse("{\n  \"name\": \"x\",\n  \"version\" \"1.0.0\"\n}", null));
        assertEquals(1, e.problems().size());
        assertEquals("/", e.problems().get(0).field());
        assertTrue(e.problems().get(0).message().startsWith("not valid JSON: line 3, column "), e.getMessage());
        assertTrue(e.problems().get(0).message().endsWith("(expected: a JSON object)"), e.getMessage());
    }

    @Test
    void duplicateKeysAreInvalidJson() {
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> DescriptorParser.parse("{\"name\": \"a\",\n\"name\": \"b\"}", null));
        assertEquals("/", e.problems().get(0).field());
        assertTrue(e.problems().get(0).message().contains("line 2"), e.getMessage());
        assertTrue(e.problems().get(0).message().contains("Duplicate field 'name'"), e.getMessage());
    }

    @Test
    void nonObjectDocumentIsAProblemAtTheRoot() {
        DescriptorException e = assertThrows(DescriptorException.class, () -> DescriptorParser.parse("[1]", null));
        assertEquals(List.of(new DescriptorProblem("/", "a JSON array (expected: a JSON object)")), e.problems());
    }

    @Test
    void relativeSchemaPathWithoutBaseDirectoryNamesTheField() {
        DescriptorException e = assertThrows(DescriptorException.class, () -> DescriptorParser.parse(validJson, null));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("/policyTypes/0/schema", e.problems().get(0).field());
        assertTrue(e.problems().get(0).message().contains("a relative path needs the descriptor's directory"), e.getMessage());
    }

    @Test
    void schemaFileProblemsNameTheFile() throws IOException {
        ObjectNode root = valid();
        Files.writeString(dir.resolve("policies/bad-type.json"), "{\"type\": \"strin\"}");
        ((ObjectNode) root.get("policyTypes").get(0)).put("schema", "policies/bad-type.json");
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> DescriptorParser.parse(MAPPER.writeValueAsString(root), dir));
        assertEquals("/policyTypes/0/schema", e.problems().get(0).field(), e.getMessage());
        assertTrue(e.problems().get(0).message().startsWith("\"policies/bad-type.json\" is not a valid JSON Schema: at /type: \"strin\""),
                e.getMessage());
    }

    @Test
    void unknownSchemaDialectIsReported() throws IOException {
        ObjectNode root = valid();
        ((ObjectNode) root.get("policyTypes").get(1).get("schema")).put("$schema", "https://example.com/my-dialect");
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> DescriptorParser.parse(MAPPER.writeValueAsString(root), dir));
        assertEquals("/policyTypes/1/schema/$schema", e.problems().get(0).field(), e.getMessage());
        assertTrue(e.problems().get(0).message().contains("(expected: a JSON Schema dialect this RIC knows"), e.getMessage());
    }

    @Test
    void policySchemaPatternsTheLinearEngineCannotRunAreRefusedNamingThePattern() throws IOException {
        ObjectNode root = valid();
        ObjectNode prop = ((ObjectNode) root.get("policyTypes").get(1).get("schema").get("properties"))
                .putObject("cellName");
        prop.put("type", "string").put("pattern", "^(a+)\\1$");
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> DescriptorParser.parse(MAPPER.writeValueAsString(root), dir));
        assertEquals("/policyTypes/1/schema/properties/cellName/pattern", e.problems().get(0).field(), e.getMessage());
        assertTrue(e.problems().get(0).message().startsWith("pattern \"^(a+)\\\\1$\" is not supported: RE2 cannot compile it"),
                e.getMessage());
    }

    @Test
    void aCatastrophicPolicySchemaPatternIsAcceptedAndRunsInLinearTime() throws IOException {
        ObjectNode root = valid();
        ((ObjectNode) root.get("policyTypes").get(1).get("schema").get("properties"))
                .putObject("cellName").put("type", "string").put("pattern", "^(.*a){12}$");
        XappDescriptor d = DescriptorParser.parse(MAPPER.writeValueAsString(root), dir);
        com.networknt.schema.JsonSchema s = Schemas.compile(MAPPER.readTree(d.policyTypes().get(1).schemaJson()));
        ObjectNode instance = MAPPER.createObjectNode().put("cellName", "a".repeat(200) + "b");
        assertTrue(s.validate(instance).stream().anyMatch(m -> "pattern".equals(m.getType())),
                "the pattern is evaluated (and fails) instead of backtracking for ever");
    }

    // ---------------------------------------------------------------------------------------------

    private static ObjectNode valid() throws IOException {
        return (ObjectNode) MAPPER.readTree(validJson);
    }

    /** Sets ({@code value} JSON), removes ({@code value} null) or renames ({@code value} "->new") the field at a pointer. */
    private static void mutate(ObjectNode root, String pointer, String value) throws IOException {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent.isMissingNode()) throw new IllegalArgumentException("no parent for " + pointer);
        if (parent.isArray()) {
            ArrayNode a = (ArrayNode) parent;
            int i = Integer.parseInt(last);
            if (value == null) a.remove(i);
            else a.set(i, MAPPER.readTree(value));
            return;
        }
        ObjectNode o = (ObjectNode) parent;
        if (value == null) {
            if (o.remove(last) == null) throw new IllegalArgumentException("nothing to remove at " + pointer);
        } else if (value.startsWith("->")) {
            JsonNode v = o.remove(last);
            if (v == null) throw new IllegalArgumentException("nothing to rename at " + pointer);
            o.set(value.substring(2), v);
        } else {
            o.set(last, MAPPER.readTree(value));
        }
    }
}
