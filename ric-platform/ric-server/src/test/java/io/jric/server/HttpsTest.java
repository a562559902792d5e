package io.jric.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin and A1 APIs over HTTPS with client certificates (mutual TLS), and the CLI talking to them. */
class HttpsTest {
    @Test
    void theHttpApisRequireAClientCertificateWhenConfigured() throws Exception {
        Path certs = Files.createTempDirectory("jric-https");
        DevCertificates.create(certs, List.of("127.0.0.1", "localhost"));
        RicConfig cfg = RicFixture.config(Files.createTempDirectory("jric-https-store"), "https-test-" + System.nanoTime())
                .set("http.tls.cert", certs.resolve("ric.pem").toString())
                .set("http.tls.key", certs.resolve("ric.key").toString())
                .set("http.tls.clientCa", certs.resolve("ca.pem").toString());
        try (RicNode ric = RicNode.start(cfg)) {
            String url = "https://127.0.0.1:" + ric.httpPort();
            HttpClient operator = HttpClient.newBuilder()
                    .sslContext(PemTls.context(certs.resolve("ca.pem"), certs.resolve("operator.pem"), certs.resolve("operator.key")))
                    .build();
            HttpResponse<String> ok = operator.send(HttpRequest.newBuilder(URI.create(url + "/ric/v1/xapps")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertEquals(200, operator.send(HttpRequest.newBuilder(URI.create(url + "/a1-p/healthcheck")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());

            HttpClient noCert = HttpClient.newBuilder().sslContext(PemTls.context(certs.resolve("ca.pem"), null, null)).build();
            assertThrows(IOException.class, () -> noCert.send(HttpRequest.newBuilder(URI.create(url + "/ric/v1/xapps")).build(),
                    HttpResponse.BodyHandlers.ofString()), "a client without a certificate was served");

            assertEquals(0, cli("xapp", "--url", url, "--cacert", certs.resolve("ca.pem").toString(),
                    "--cert", certs.resolve("operator.pem").toString(), "--key", certs.resolve("operator.key").toString(), "list"));
        }
    }

    private static int cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return RicMain.commandLine().setErr(new PrintWriter(new StringWriter())).execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
