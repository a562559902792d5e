package io.jric.a1;

import static io.jric.a1.A1Fixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A1-ML over the real HTTP server: upload, activate, the xApp uses it, rollback, corrupt model, restart, signatures. */
class A1mlTest {
    private static final String BASE = "/A1-ML/v1/xapps/ml-xapp/models/load-mlp";
    private A1Fixture f;

    @AfterEach
    void stop() {
        if (f != null) f.close();
    }

    private HttpResponse<String> upload(String version, byte[] body, String query, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.http.port() + BASE + "/versions/"
                        + version + "?sha256=" + ModelRegistry.sha256(body) + query))
                .header("Authorization", "Bearer " + A1Fixture.TOKEN).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(30));
        if (signature != null) b.header("X-Model-Signature", signature);
        return f.client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode post(String path, String json, int status) {
        HttpResponse<String> r = f.sendUnchecked("POST", BASE + path, json, "application/json");
        assertEquals(status, r.statusCode(), r.body());
        return A1Fixture.tree(r.body());
    }

    private static byte[] model(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void kerasH5IsTakenOnlyWhereDeclaredMustBeHdf5AndIsDeliveredAsKeras() throws Exception {
        MlProbeXapp.LOADED.clear();
        f = A1Fixture.start();
        f.install(MlProbeXapp.descriptor("ml-xapp", ",\"alsoAccepts\":[\"keras-h5\"]"));
        byte[] hdf5 = new byte[64];
        System.arraycopy(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}, 0, hdf5, 0, 8);

        HttpResponse<String> notHdf5 = upload("1", model("a DL4J zip sent as keras"), "&format=keras-h5", null);
        assertEquals(400, notHdf5.statusCode(), notHdf5.body());
        assertTrue(notHdf5.body().contains("body: not an HDF5 file"), notHdf5.body());
        HttpResponse<String> onnx = upload("1", hdf5, "&format=onnx", null);
        assertTrue(onnx.statusCode() == 400 && onnx.body().contains("(expected: one of \\\"dl4j\\\", \\\"keras-h5\\\""),
                onnx.body());

        HttpResponse<String> keras = upload("1", hdf5, "&format=keras-h5", null);
        assertEquals(201, keras.statusCode(), keras.body());
        assertEquals("keras-h5", A1Fixture.tree(keras.body()).get("format").asText());
        assertEquals(201, upload("2", model("model v2"), "", null).statusCode(), "no format: the model's own (dl4j)");
        HttpResponse<String> sniffed = upload("3", hdf5, "", null);
        assertEquals("keras-h5", A1Fixture.tree(sniffed.body()).get("format").asText(), "an HDF5 body without format: keras-h5");

        post("/activate", "{\"version\":\"1\"}", 200);
        assertEquals("keras-h5", MlProbeXapp.FORMATS.get("ml-xapp/1"), "delivered in the format it was uploaded in");
        post("/activate", "{\"version\":\"2\"}", 200);
        assertEquals("dl4j", MlProbeXapp.FORMATS.get("ml-xapp/2"));
        MlProbeXapp.FORMATS.clear();
        post("/rollback", "{}", 200);
        assertEquals("keras-h5", MlProbeXapp.FORMATS.get("ml-xapp/1"), "rollback redelivers version 1 as keras-h5");
    }

    @Test
    void uploadActivateUseRollbackAndACorruptModelKeepsTheOldOne() throws Exception {
        MlProbeXapp.LOADED.clear();
        f = A1Fixture.start();
        f.install(MlProbeXapp.descriptor("ml-xapp"));

        assertEquals(201, upload("1", model("model v1"), "&format=dl4j&inputFeatures=prbUsedDlPct,activeUes", null).statusCode());
        assertEquals(201, upload("2", model("model v2"), "", null).statusCode());
        assertEquals(409, upload("2", model("model v2"), "", null).statusCode(), "versions are immutable");
        HttpResponse<String> wrongSha = f.client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.http.port()
                        + BASE + "/versions/9?sha256=00")).header("Authorization", "Bearer " + A1Fixture.TOKEN)
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(model("x")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, wrongSha.statusCode());
        assertTrue(wrongSha.body().contains("sha256: 00 (expected: "), wrongSha.body());
        byte[] h5 = new byte[16];
        System.arraycopy(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}, 0, h5, 0, 8);
        HttpResponse<String> h5ToDl4jOnly = upload("9", h5, "", null);
        assertTrue(h5ToDl4jOnly.statusCode() == 400 && h5ToDl4jOnly.body().contains("an HDF5 (Keras .h5) file"), h5ToDl4jOnly.body());
        HttpResponse<String> wrongFormat = upload("9", model("x"), "&format=keras-h5", null);
        assertTrue(wrongFormat.statusCode() == 400 && wrongFormat.body().contains("format: \\\"keras-h5\\\""), wrongFormat.body());
        HttpResponse<String> features = upload("9", model("x"), "&inputFeatures=activeUes,prbUsedDlPct", null);
        assertTrue(features.statusCode() == 400 && features.body().contains("inputFeatures"), features.body());

        post("/activate", "{\"version\":\"1\"}", 200);
        assertEquals("1", MlProbeXapp.active("ml-xapp"));
        JsonNode after2 = post("/activate", "{\"version\":\"2\"}", 200);
        assertEquals("2", MlProbeXapp.active("ml-xapp"), "the xApp uses the new version");
        assertEquals("2", after2.get("active").asText());

        JsonNode back = post("/rollback", null == null ? "{}" : "{}", 200);
        assertEquals("1", back.get("active").asText());
        assertEquals("1", MlProbeXapp.active("ml-xapp"), "the xApp uses the old version after rollback");

        assertEquals(201, upload("3", model("CORRUPT zip"), "", null).statusCode());
        JsonNode rejected = post("/activate", "{\"version\":\"3\"}", 422);
        assertTrue(rejected.get("detail").asText().contains("version 1 stays active"), rejected.toString());
        assertTrue(rejected.get("detail").asText().contains("bad header"), rejected.toString());
        assertEquals("1", MlProbeXapp.active("ml-xapp"), "the old model stays in use");
        HttpResponse<String> state = f.sendUnchecked("GET", BASE, null, "application/json");
        assertEquals("1", A1Fixture.tree(state.body()).get("active").asText());
        assertEquals(3, A1Fixture.tree(state.body()).get("versions").size());

        assertEquals(409, f.sendUnchecked("DELETE", BASE + "/versions/1", null, "application/json").statusCode());
        assertEquals(204, f.sendUnchecked("DELETE", BASE + "/versions/3", null, "application/json").statusCode());
        assertEquals(404, f.sendUnchecked("GET", "/A1-ML/v1/xapps/ml-xapp/models/nope", null, "application/json").statusCode());

        f.token = null;
        assertEquals(401, f.sendUnchecked("GET", BASE, null, "application/json").statusCode());
        f.token = A1Fixture.TOKEN;

        // Restart: a new grid, the same stores. The model state is back and the new instance gets the active model.
        MlProbeXapp.LOADED.clear();
        f = f.restart();
        await(() -> "1".equals(MlProbeXapp.active("ml-xapp")), "the restarted xApp receives the active model");
        JsonNode again = A1Fixture.tree(f.sendUnchecked("GET", BASE, null, "application/json").body());
        assertEquals("1", again.get("active").asText());
        assertEquals(2, again.get("versions").size());
    }

    @Test
    void withATrustedKeyOnlySignedModelsAreAccepted() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
        Path pem = Files.createTempFile("trusted", ".pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Path a1 = Files.createTempDirectory("jric-a1-signed");
        f = A1Fixture.start(A1Fixture.settings(a1).modelTrustedKey(pem).build(), Files.createTempDirectory("xapps"), null);
        f.install(MlProbeXapp.descriptor("ml-xapp"));

        byte[] body = model("signed model");
        HttpResponse<String> unsigned = upload("1", body, "", null);
        assertEquals(400, unsigned.statusCode());
        assertTrue(unsigned.body().contains("signature: missing"), unsigned.body());

        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(keys.getPrivate());
        s.update(body);
        String sig = Base64.getEncoder().encodeToString(s.sign());
        HttpResponse<String> ok = upload("1", body, "", sig);
        assertEquals(201, ok.statusCode(), ok.body());
        assertTrue(A1Fixture.tree(ok.body()).get("signed").asBoolean());

        HttpResponse<String> forged = upload("2", model("other model"), "", sig);
        assertEquals(400, forged.statusCode());
        assertTrue(forged.body().contains("does not verify"), forged.body());
    }
}
