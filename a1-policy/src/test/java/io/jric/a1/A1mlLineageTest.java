package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The model registry's lineage (issue #15, item 4): accepted with the upload, checked, shown, durable across a restart. */
class A1mlLineageTest {
    private static final String BASE = "/A1-ML/v1/xapps/ml-xapp/models/load-mlp";
    private A1Fixture f;

    @AfterEach
    void stop() {
        if (f != null) f.close();
    }

    private HttpResponse<String> upload(String version, String body, String lineage) throws Exception {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.http.port() + BASE + "/versions/"
                        + version + "?sha256=" + ModelRegistry.sha256(b)))
                .header("Authorization", "Bearer " + A1Fixture.TOKEN).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(b)).timeout(Duration.ofSeconds(30));
        if (lineage != null) r.header("X-Model-Lineage", lineage);
        return f.client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) {
        HttpResponse<String> r = f.sendUnchecked("GET", path, null, "application/json");
        assertEquals(200, r.statusCode(), r.body());
        return A1Fixture.tree(r.body());
    }

    @Test
    void lineageIsCheckedKeptAndShownAndSurvivesARestart() throws Exception {
        f = A1Fixture.start();
        f.install(MlProbeXapp.descriptor("ml-xapp"));
        String v1 = "{\"dataWindow\":{\"from\":\"2026-12-06T19:00:00Z\",\"to\":1765051200000},\"rows\":{\"train\":1200,\"validation\":300},"
                + "\"featureSchema\":[\"prbUsedDlPct\",\"activeUes\"],\"trainer\":\"probe-trainer 1\",\"codeVersion\":\"git:abc123\","
                + "\"hyperparameters\":{\"epochs\":25,\"hidden\":[32,32]},\"seed\":7,\"validation\":{\"mse\":0.25}}";
        assertEquals(201, upload("1", "model v1", v1).statusCode());

        // Refused, naming each field, and nothing stored.
        HttpResponse<String> bad = upload("2", "model v2", "{\"parent\":\"9\",\"seed\":\"seven\",\"colour\":\"red\","
                + "\"featureSchema\":[\"activeUes\",\"prbUsedDlPct\"],\"rows\":{\"train\":-1}}");
        assertEquals(400, bad.statusCode(), bad.body());
        for (String s : new String[] {"/parent: \\\"9\\\"", "/seed: \\\"seven\\\"", "/colour", "/featureSchema", "/rows/train: -1"}) {
            assertTrue(bad.body().contains(s), s + " in " + bad.body());
        }
        assertEquals(400, upload("2", "model v2", "not json").statusCode());
        assertEquals(404, f.sendUnchecked("GET", BASE + "/versions/2", null, "application/json").statusCode());

        assertEquals(201, upload("2", "model v2", "{\"parent\":\"1\",\"seed\":8}").statusCode());
        assertEquals(201, upload("3", "model v3", null).statusCode());

        JsonNode one = get(BASE + "/versions/1");
        assertEquals("probe-trainer 1", one.at("/lineage/trainer").asText());
        assertEquals(1200, one.at("/lineage/rows/train").asInt());
        assertEquals(32, one.at("/lineage/hyperparameters/hidden/1").asInt());
        assertEquals("uploader", one.at("/lineage/sources/seed").asText());
        assertEquals(ModelRegistry.sha256("model v1".getBytes(StandardCharsets.UTF_8)), one.get("sha256").asText());
        assertEquals(8, one.get("bytes").asInt());
        assertTrue(one.get("uploadedBy").asText().startsWith("token:" + ModelRegistry.sha256(A1Fixture.TOKEN.getBytes(StandardCharsets.UTF_8)).substring(0, 12)),
                one.toString());
        assertFalse(one.toString().contains(A1Fixture.TOKEN), "never the token itself");
        JsonNode two = get(BASE + "/versions/2");
        assertEquals("1", two.at("/lineage/parent").asText());
        JsonNode three = get(BASE + "/versions/3");
        assertEquals("[\"prbUsedDlPct\",\"activeUes\"]", three.at("/lineage/featureSchema").toString(), "from the descriptor");
        assertEquals("descriptor", three.at("/lineage/sources/featureSchema").asText());

        // Restart: a new grid, the same store; the lineage is back, through A1-ML and the admin API alike.
        f = f.restart();
        JsonNode again = get(BASE + "/versions/1");
        assertEquals(one.get("lineage"), again.get("lineage"));
        assertEquals(one.get("uploadedAtMs"), again.get("uploadedAtMs"));
        assertEquals("1", get(BASE + "/versions/2").at("/lineage/parent").asText());
        assertEquals(3, get(BASE).get("versions").size());
        assertEquals(one.get("lineage"), get("/ric/v1/models/ml-xapp/load-mlp/versions/1").get("lineage"), "the admin API's view");
    }
}
