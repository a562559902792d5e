package io.jric.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RicConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsGiveTheDocumentedSettings() {
        RicConfig c = RicConfig.defaults();
        assertEquals(36421, c.e2Settings().port());
        assertEquals(1, c.gridSettings().backups());
        assertEquals(1000, c.kpmCollectionPeriodMs());
        assertTrue(c.e2Settings().allowedPlmns().isEmpty());
    }

    @Test
    void theSampleConfigurationLoadsAsIs() {
        Path sample = Path.of(System.getProperty("user.dir")).resolve("../../deploy/ric.conf.sample").normalize();
        RicConfig c = RicConfig.load(sample);
        assertEquals("0.0.0.0", c.e2Settings().host());
        assertEquals(10, c.gridSettings().discoveryPortRange());
    }

    @Test
    void aFileOverridesDefaultsAndPlmnDigitsBecomeTbcd() throws Exception {
        Path f = dir.resolve("ric.conf");
        Files.writeString(f, "e2.port=40000\ne2.allowedPlmns=00101, 310410\ngrid.backups=0\ne2.kpm.collect=false\n");
        RicConfig c = RicConfig.load(f);
        assertEquals(40000, c.e2Settings().port());
        assertEquals(0, c.gridSettings().backups());
        assertEquals(0, c.kpmCollectionPeriodMs());
        assertEquals(Set.of("00f110", "130014"), c.e2Settings().allowedPlmns());
    }

    @Test
    void errorsNameTheKeyAndTheExpectedValue() throws Exception {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> RicConfig.defaults().set("e2.prot", "1"));
        assertTrue(unknown.getMessage().contains("unknown key 'e2.prot'"), unknown.getMessage());

        Path f = dir.resolve("bad.conf");
        Files.writeString(f, "e2.port=abc\n");
        IllegalArgumentException notInt = assertThrows(IllegalArgumentException.class, () -> RicConfig.load(f));
        assertEquals("config: e2.port: 'abc' (expected: an integer)", notInt.getMessage());

        Files.writeString(f, "grid.backups=7\n");
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> RicConfig.load(f));
        assertEquals("config: grid.backups: 7 (expected: 0..3)", range.getMessage());

        Files.writeString(f, "e2.allowedPlmns=0010x\n");
        IllegalArgumentException plmn = assertThrows(IllegalArgumentException.class, () -> RicConfig.load(f));
        assertTrue(plmn.getMessage().contains("e2.allowedPlmns: '0010x'"), plmn.getMessage());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> RicConfig.load(dir.resolve("nope.conf")));
        assertTrue(missing.getMessage().startsWith("config: cannot read"), missing.getMessage());
    }

    @Test
    void otlpExportIsOffByDefaultAndBadValuesAreRefusedNamingTheKey() throws Exception {
        assertTrue(!RicConfig.defaults().telemetrySettings().exporting());
        var on = RicConfig.defaults().set("telemetry.otlp.endpoint", "http://collector:4318")
                .set("telemetry.otlp.protocol", "http/protobuf").set("telemetry.otlp.samplingRatio", "0.25")
                .set("telemetry.otlp.headers", "x-scope-orgid=ops,authorization=Basic%20YWxh+Yg==").telemetrySettings();
        assertTrue(on.exporting());
        assertEquals(0.25, on.samplingRatio());
        assertEquals("Basic YWxh+Yg==", on.headers().get("authorization"));
        assertEquals("ric-1", on.serviceInstance());
        String[][] bad = {
            {"telemetry.otlp.protocol", "udp", "expected: grpc or http/protobuf"},
            {"telemetry.otlp.samplingRatio", "1.5", "expected: a number from 0 to 1"},
            {"telemetry.otlp.samplingRatio", "half", "expected: a number from 0 to 1"},
            {"telemetry.otlp.samplingRatio", "NaN", "expected: a number from 0 to 1"},
            {"telemetry.otlp.endpoint", "collector:4317", "expected: http://host:port"},
            {"telemetry.otlp.endpoint", "http://", "is not a URL"},
            {"telemetry.otlp.headers", "novalue", "expected: name=value"},
            {"telemetry.otlp.headers", "bad name=x", "expected: name=value pairs"},
            {"telemetry.otlp.timeoutMs", "0", "expected: 1..600000"},
            {"telemetry.otlp.queueSize", "0", "expected: 1..1000000"},
        };
        for (String[] b : bad) {
            Path f = dir.resolve("otlp.conf");
            Files.writeString(f, b[0] + "=" + b[1] + "\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RicConfig.load(f), b[0] + "=" + b[1]);
            assertTrue(e.getMessage().startsWith("config: " + b[0] + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(b[2]), e.getMessage());
        }
    }

    @Test
    void theCommandLineReportsBadConfigurationInOneLineWithExitCode2() {
        StringWriter err = new StringWriter();
        int code = RicMain.commandLine().setErr(new PrintWriter(err)).execute("run", "--set", "grid.nope=1");
        assertEquals(2, code);
        assertTrue(err.toString().startsWith("ric: config: unknown key 'grid.nope'"), err.toString());
    }
}
