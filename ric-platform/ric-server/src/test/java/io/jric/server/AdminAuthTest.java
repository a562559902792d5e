package io.jric.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The admin API with bearer tokens: 401 without, 403 with a wrong one, 200 with a right one; the CLI sends it. */
class AdminAuthTest {
    @Test
    void theAdminApiNeedsABearerTokenUnlessTurnedOff() throws Exception {
        RicConfig cfg = RicFixture.config(Files.createTempDirectory("jric-auth"), "auth-test-" + System.nanoTime())
                .set("admin.auth", "tokens").set("admin.tokens", "op-secret-1, op-secret-2");
        try (RicNode ric = RicNode.start(cfg)) {
            HttpClient http = HttpClient.newHttpClient();
            String url = "http://127.0.0.1:" + ric.httpPort() + "/ric/v1/xapps";
            HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, none.statusCode());
            assertEquals("Bearer realm=\"jric-admin\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer nope").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, wrong.statusCode());
            HttpResponse<String> right = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer op-secret-2").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, right.statusCode());

            String base = "http://127.0.0.1:" + ric.httpPort();
            assertEquals(1, cli("xapp", "--url", base, "list"), "the CLI without a token is refused");
            assertEquals(0, cli("xapp", "--url", base, "--token", "op-secret-1", "list"));
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
