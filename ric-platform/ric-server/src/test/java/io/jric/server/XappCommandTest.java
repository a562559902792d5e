package io.jric.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ric xapp validate} and {@code ric xapp import-oran}: every problem with its JSON pointer, no stack traces. */
class XappCommandTest {
    private record Run(int code, String out, String err) {}

    @TempDir
    Path dir;

    private static Run run(String... args) {
        var cl = RicMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void validatePrintsEveryProblemWithItsPointer() throws Exception {
        Path f = Files.writeString(dir.resolve("xapp.json"), "{\"schemaVersion\":\"1\",\"nam\":\"x\",\"version\":\"1.0\","
                + "\"vendor\":\"v\",\"sdkApiVersion\":\"1\",\"entry\":{\"provider\":\"pp\"}}");
        Run r = run("xapp", "validate", f.toString());
        assertEquals(2, r.code());
        assertEquals("ric: 3 problem(s) in " + f + ":\n"
                + "  /name: missing (required)\n"
                + "  /version: \"1.0\" (expected: a string matching ^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
                + "(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$)\n"
                + "  /nam: unknown field (did you mean \"name\"?)\n", r.err());
    }

    @Test
    void validateOfAnOranScFileSuggestsTheImport() throws Exception {
        Path f = Files.writeString(dir.resolve("config-file.json"), "{\"xapp_name\":\"x1\",\"version\":\"1.0.0\"}");
        Run r = run("xapp", "validate", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("\n  /xapp_name: unknown field (expected one of: "), r.err());
        assertTrue(r.err().endsWith("ric: this looks like an O-RAN SC config-file.json; convert it with ric xapp import-oran "
                + f + " -o xapp.json\n"), r.err());
    }

    @Test
    void importPrintsProblemsWithPointersAndNoStackTrace() throws Exception {
        Path f = Files.writeString(dir.resolve("config-file.json"), "{\"xapp_name\":\"x1\",\"version\":\"1.0.0\","
                + "\"messaging\":{\"ports\":{\"name\":\"rmr-data\"}},\"rmr\":{\"policies\":[-1]}}");
        Run r = run("xapp", "import-oran", f.toString());
        assertEquals(2, r.code());
        assertEquals("ric: 2 problem(s) in " + f + ":\n"
                + "  /messaging/ports: a JSON object (expected: an array of port objects, e.g. [{\"name\":\"rmr-data\",\"port\":4560}])\n"
                + "  /rmr/policies/0: -1 (expected: an A1 policy type id, an integer from 1 to 2147483647)\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void outputInAMissingDirectoryIsAClearErrorAndWritesNothing() throws Exception {
        Path f = Files.writeString(dir.resolve("config-file.json"), "{\"xapp_name\":\"x1\",\"version\":\"1.0.0\"}");
        Path out = dir.resolve("no/such/dir/xapp.json");
        Run r = run("xapp", "import-oran", f.toString(), "-o", out.toString());
        assertEquals(2, r.code());
        assertEquals("ric: cannot write " + out + ": the directory " + out.getParent()
                + " does not exist (create it first; nothing was written)\n", r.err());
        assertFalse(Files.exists(dir.resolve("no")));
        Run toDir = run("xapp", "import-oran", f.toString(), "-o", dir.toString());
        assertEquals(2, toDir.code());
        assertTrue(toDir.err().startsWith("ric: cannot write " + dir + ": it is a directory"), toDir.err());
    }

    @Test
    void importWritesTheDescriptorAndPrintsTheReport() throws Exception {
        Path f = Files.writeString(dir.resolve("config-file.json"), "{\"xapp_name\":\"x1\",\"version\":1.10,"
                + "\"rmr\":{\"rxMessages\":[\"RIC_INDICATION\",\"RIC_HEALTH_CHECK_REQ\"],\"policies\":[20008]}}");
        Path out = dir.resolve("xapp.json");
        Run r = run("xapp", "import-oran", f.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("1.10.0", new ObjectMapper().readTree(Files.readString(out)).get("version").asText());
        assertTrue(r.err().startsWith("import report for " + f + ": 2 mapped, 4 assumed, 1 not mapped (dropped); descriptor"
                + " written to " + out + "\n"), r.err());
        assertTrue(r.err().contains("\n  assumed:    rxMessages RIC_INDICATION -> subscriptions[0]: kpm"), r.err());
        assertTrue(r.err().contains("\n  not mapped: rxMessages RIC_HEALTH_CHECK_REQ: RMR health checks"), r.err());
        // the written descriptor validates
        Run v = run("xapp", "validate", out.toString());
        assertEquals(0, v.code(), v.err());
        assertEquals(out + ": valid (x1 1.10.0)\n", v.out());
    }

    @Test
    void problemsFromTheAdminApiKeepTheirField() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals("/controls/0/scope: \"ue\" (expected: \"cell\" for tx_power)", XappCommand.problemLine(json.readTree(
                "{\"field\":\"/controls/0/scope\",\"message\":\"\\\"ue\\\" (expected: \\\"cell\\\" for tx_power)\"}")));
        // A1 problems carry the pointer in their message already
        assertEquals("/colour: \"red\" (expected: absent)", XappCommand.problemLine(json.readTree(
                "{\"pointer\":\"/colour\",\"message\":\"/colour: \\\"red\\\" (expected: absent)\"}")));
    }

    @Test
    void plainHttpCallsPrintTheAnswerAndEveryProblemWithItsField() throws Exception {
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ric/v1/xapps", ex -> {
            boolean post = ex.getRequestMethod().equals("POST");
            String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] b = (post ? "{\"detail\":\"invalid descriptor (2 problems)\",\"problems\":[{\"field\":\"/name\","
                    + "\"message\":\"missing (required)\"},{\"field\":\"/controls/0/scope\",\"message\":\"\\\"ue\\\"\"}]}"
                    : "[{\"name\":\"hello-xapp\",\"auth\":\"" + auth + "\"}]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.sendResponseHeaders(post ? 400 : 200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        java.io.PrintStream saved = System.err;
        java.io.PrintStream savedOut = System.out;
        var err = new java.io.ByteArrayOutputStream();
        var out = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            assertEquals(0, XappCommand.callPlain("GET", url + "/ric/v1/xapps", null, "t0k"));
            assertEquals(1, XappCommand.callPlain("POST", url + "/ric/v1/xapps", "{}", null));
        } finally {
            System.setErr(saved);
            System.setOut(savedOut);
            server.stop(0);
        }
        assertTrue(out.toString(java.nio.charset.StandardCharsets.UTF_8).contains("\"auth\" : \"Bearer t0k\""), out.toString());
        assertEquals("ric: 400 invalid descriptor (2 problems)\n  /name: missing (required)\n  /controls/0/scope: \"ue\"\n",
                err.toString(java.nio.charset.StandardCharsets.UTF_8));
        // nothing listening: a clear error, no stack trace
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> XappCommand.callPlain("GET", "http://127.0.0.1:" + port + "/ric/v1/xapps", null, null));
        assertTrue(e.getMessage().startsWith("no RIC admin API at http://127.0.0.1:" + port), e.getMessage());
    }
}
