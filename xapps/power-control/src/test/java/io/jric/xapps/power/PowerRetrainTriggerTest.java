package io.jric.xapps.power;

import static io.jric.xapps.testing.XappHttp.upload;
import static io.jric.xapps.testing.XappHttp.get;
import static io.jric.xapps.testing.XappHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.xapps.testing.XappRic;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Retraining started by a schedule and by drift (issue #15, item 3), power-control in a real RIC over HTTP with the
 * seeded experience of {@link PowerGateTest}: a retraining policy with a 3 s schedule starts a job on its own (audit
 * entry {@code retrain-started} naming the trigger, the job {@code startedBy trigger:schedule}); a policy on drift
 * starts one when a raised drift finding of the xApp appears in the grid ({@code ric.ml.drift}), not for a cleared one
 * nor another xApp's, and skips (audited) when there are fewer training rows than {@code minRows} or the last triggered
 * job is more recent than {@code minIntervalMinutes}; bad policies are refused naming each field.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PowerRetrainTriggerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aScheduleAndADriftFindingEachStartARetrainingJobNamedInTheAuditLog() throws Exception {
        byte[] weak = GateModels.shuffled(1);
        List<PowerExperience.Row> rows = GateModels.weakExperience();
        try (XappRic ric = XappRic.start(XappRic.config("power-triggers", true).set("admin.auth", "off").set("a1.auth", "off"))) {
            Path descriptor = Path.of("xapp.json");
            String json = Files.readString(descriptor).replace("\"values\": { \"trainIfMissing\": false }",
                    "\"values\": { \"trainIfMissing\": false, \"modelFile\": \"\" }");
            ric.node().xapps().install(json, descriptor.toAbsolutePath().getParent(), null);
            String http = "http://127.0.0.1:" + ric.node().httpPort();
            String a1 = http + "/A1-ML/v1/xapps/power-control/models/power-mlp";
            String admin = http + "/ric/v1/models/power-control/power-mlp";
            HttpResponse<String> up = upload(a1, "1", weak);
            assertEquals(201, up.statusCode(), up.body());
            assertEquals(200, send("POST", a1 + "/activate", "{\"version\":\"1\"}").statusCode());
            PowerGateTest.inject(ric, rows);
            XappRic.await(() -> okRows(ric) == rows.size(), "every row closed with outcome OK");

            // Bad policies: 400 naming each field; nothing kept.
            HttpResponse<String> bad = send("PUT", a1 + "/retrain-policy",
                    "{\"everyMinutes\":0,\"onDrift\":\"yes\",\"minRows\":-1,\"mode\":\"swarm\",\"colour\":1}");
            assertEquals(400, bad.statusCode(), bad.body());
            for (String f : List.of("everyMinutes:", "onDrift:", "minRows:", "mode:", "colour:")) assertTrue(bad.body().contains(f), f + " " + bad.body());
            assertEquals(400, send("PUT", a1 + "/retrain-policy", "{\"minRows\":10}").statusCode(), "neither a schedule nor drift");
            assertEquals(404, send("GET", a1 + "/retrain-policy", null).statusCode());

            // A schedule: every 3 s, at least 500 training rows (there are about 1,000).
            HttpResponse<String> set = send("PUT", admin + "/retrain-policy", "{\"everyMinutes\":0.05,\"minRows\":500,\"seed\":7}");
            assertEquals(200, set.statusCode(), set.body());
            assertEquals(0.05, get(a1 + "/retrain-policy").get("everyMinutes").asDouble(), 1e-9, "A1-ML shows the policy set on the admin API");
            JsonNode scheduled = awaitAudit(a1, "retrain-started", 1);
            // Removed at once, before the next 3 s are up: one scheduled job (a schedule due while it runs would be skipped).
            assertEquals(204, send("DELETE", a1 + "/retrain-policy", null).statusCode());
            System.out.println("scheduled: " + scheduled);
            assertTrue(scheduled.get("reason").asText().startsWith("trigger schedule"), scheduled.toString());
            String job1 = scheduled.at("/figures/job").asText();
            JsonNode done1 = awaitJob(admin, job1);
            System.out.println("scheduled job: " + done1);
            assertEquals("trigger:schedule", done1.get("startedBy").asText());
            assertEquals("central", done1.get("mode").asText(), "one grid node: central");
            assertEquals("activated", done1.get("state").asText(), done1.toString());
            int startedSoFar = events(a1, "retrain-started").size();
            Thread.sleep(4_000);
            assertEquals(startedSoFar, events(a1, "retrain-started").size(), "no schedule after the policy was removed");

            // On drift: a raised finding of power-control starts a job; a cleared one or another xApp's do not.
            assertEquals(200, send("PUT", a1 + "/retrain-policy", "{\"onDrift\":true,\"minRows\":500,\"minIntervalMinutes\":10,\"seed\":8}")
                    .statusCode());
            IgniteCache<String, String> findings = ric.node().grid().ignite().getOrCreateCache(
                    new CacheConfiguration<String, String>("ric.ml.drift"));
            long now = System.currentTimeMillis();
            findings.put("power-control@i@" + now + "-1", finding("power-control", "cleared", now));
            findings.put("anomaly-detection@i@" + now + "-2", finding("anomaly-detection", "raised", now));
            Thread.sleep(3_000);
            assertEquals(startedSoFar, events(a1, "retrain-started").size(), "no job for a cleared finding or another xApp's");
            findings.put("power-control@i@" + now + "-3", finding("power-control", "raised", now + 1));
            JsonNode drifted = awaitAudit(a1, "retrain-started", startedSoFar + 1);
            System.out.println("on drift: " + drifted);
            assertTrue(drifted.get("reason").asText().startsWith("trigger drift (input drift PSI 0.91 of prbUsedDlPct)"), drifted.toString());
            JsonNode done2 = awaitJob(admin, drifted.at("/figures/job").asText());
            System.out.println("drift job: " + done2);
            assertEquals("trigger:drift", done2.get("startedBy").asText());
            assertTrue(List.of("activated", "refused").contains(done2.get("state").asText()), done2.toString());

            // Rate-limited: another finding within minIntervalMinutes is skipped, with the reason.
            findings.put("power-control@i@" + now + "-4", finding("power-control", "raised", now + 2));
            JsonNode limited = awaitAudit(a1, "retrain-skipped", 1);
            assertTrue(limited.get("reason").asText().contains("less than minIntervalMinutes"), limited.toString());

            // Too few rows: skipped, with the count.
            assertEquals(200, send("PUT", a1 + "/retrain-policy", "{\"onDrift\":true,\"minRows\":1000000,\"minIntervalMinutes\":0}")
                    .statusCode());
            findings.put("power-control@i@" + now + "-5", finding("power-control", "raised", System.currentTimeMillis()));
            JsonNode few = awaitAudit(a1, "retrain-skipped", 2);
            assertTrue(few.get("reason").asText().contains("fewer than minRows 1000000"), few.toString());
            assertEquals(startedSoFar + 1, events(a1, "retrain-started").size());
            List<String> all = new ArrayList<>();
            get(a1 + "/audit").get("entries").forEach(e -> all.add(e.get("event").asText()));
            assertTrue(all.containsAll(List.of("retrain-policy-set", "retrain-policy-removed")), all.toString());
            assertFalse(all.isEmpty());
        }
    }

    private static String finding(String xapp, String state, long timeMs) {
        return "{\"xapp\":\"" + xapp + "\",\"instance\":\"i\",\"model\":\"1\",\"kind\":\"input\",\"state\":\"" + state
                + "\",\"psiMax\":0.91,\"feature\":\"prbUsedDlPct\",\"threshold\":0.25,\"samples\":600,\"timeMs\":" + timeMs + "}";
    }

    private static List<JsonNode> events(String a1, String event) {
        List<JsonNode> out = new ArrayList<>();
        get(a1 + "/audit").get("entries").forEach(e -> {
            if (e.get("event").asText().equals(event)) out.add(e);
        });
        return out;
    }

    /** The {@code n}-th audit entry of the kind, once there is one. */
    private static JsonNode awaitAudit(String a1, String event, int n) throws InterruptedException {
        return XappRic.awaitValue(() -> {
            List<JsonNode> e = events(a1, event);
            return e.size() >= n ? e.get(n - 1) : null;
        }, "audit entry " + event + " #" + n);
    }

    private static JsonNode awaitJob(String admin, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            JsonNode j = get(admin + "/retrain/" + id);
            if (j.has("finishedAtMs")) return j;
            Thread.sleep(500);
        }
        throw new AssertionError("job " + id + " did not finish within 120 s: " + get(admin + "/retrain/" + id));
    }

    private static long okRows(XappRic ric) {
        try {
            long ok = 0;
            for (JsonNode r : JSON.readTree(ric.experience("power-control")).get("rows")) if (r.get("outcomeStatus").asText().equals("OK")) ok++;
            return ok;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
