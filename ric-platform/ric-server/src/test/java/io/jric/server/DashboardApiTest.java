package io.jric.server;

import static io.jric.server.RicFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dashboard over plain HTTP against a real RIC with the simulator: the page is open, its data and
 * its event stream need the admin token (401 without, 403 with a wrong one), the stream sends snapshots
 * and holds no HTTP worker (more streams than workers, and other requests still answered), and it
 * serves at most {@code http.dashboard.maxStreams} subscribers (503 beyond, a freed slot is reused).
 */
class DashboardApiTest {
    private static final String TOKEN = "dash-secret";
    private static final int MAX_STREAMS = 6;   // more than the HTTP server's 4 workers

    @Test
    void dataAndStreamNeedTheAdminTokenAndTheStreamIsBounded() throws Exception {
        try (RicFixture f = new RicFixture(Files.createTempDirectory("jric-dash"), c -> c
                .set("admin.auth", "tokens").set("admin.tokens", TOKEN)
                .set("e2.kpm.collect", "true").set("e2.kpm.periodMs", "200")
                .set("http.dashboard.maxStreams", Integer.toString(MAX_STREAMS)))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            // the page loads without a token, with a strict content security policy
            HttpResponse<String> page = http.send(get(f, "/dashboard", null), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
            assertTrue(page.body().contains("/dashboard/app.js"));
            assertEquals(200, http.send(get(f, "/dashboard/app.js", null), HttpResponse.BodyHandlers.ofString()).statusCode());

            // the data is not
            for (String path : List.of(DashboardApi.SNAPSHOT, DashboardApi.EVENTS, DashboardApi.HISTORY)) {
                HttpResponse<String> none = http.send(get(f, path, null), HttpResponse.BodyHandlers.ofString());
                assertEquals(401, none.statusCode(), path);
                assertEquals("Bearer realm=\"jric-admin\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
                assertEquals(403, http.send(get(f, path, "wrong"), HttpResponse.BodyHandlers.ofString()).statusCode(), path);
            }
            assertEquals(0, f.ric.dashboard().subscribers(), "refused requests hold no subscriber slot");

            HttpResponse<String> snap = http.send(get(f, DashboardApi.SNAPSHOT, TOKEN), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, snap.statusCode());
            assertTrue(snap.body().contains("\"nodes\":[{\"id\""), snap.body());
            assertTrue(snap.body().contains("\"cells\":"), snap.body());

            // the charts' history: the cells' recent samples from the grid's series, oldest first
            await(() -> historyRows(http, f).size() >= 12, "two samples of each of the 6 cells in the history");
            var rows = historyRows(http, f);
            for (int i = 1; i < rows.size(); i++) {
                assertTrue(rows.get(i - 1).get(2).asLong() <= rows.get(i).get(2).asLong(), "oldest first");
            }
            assertEquals(6, rows.stream().map(r -> r.get(1).asText()).distinct().count());

            // as many streams as allowed, more than there are HTTP workers; each gets snapshots
            List<Stream> streams = new ArrayList<>();
            try {
                for (int i = 0; i < MAX_STREAMS; i++) streams.add(open(http, f));
                assertEquals(MAX_STREAMS, f.ric.dashboard().subscribers());
                for (Stream s : streams) {
                    String ev = s.nextSnapshot();
                    assertTrue(ev.contains("\"seq\":") && ev.contains("\"xapps\":"), ev);
                }
                // no worker is held: ordinary requests are answered while every stream is open
                for (int i = 0; i < 8; i++) {
                    assertEquals(200, http.send(get(f, "/healthz", null), HttpResponse.BodyHandlers.ofString()).statusCode());
                }
                assertEquals(200, http.send(get(f, DashboardApi.SNAPSHOT, TOKEN), HttpResponse.BodyHandlers.ofString()).statusCode());

                // one more is refused
                HttpResponse<String> full = http.send(get(f, DashboardApi.EVENTS, TOKEN), HttpResponse.BodyHandlers.ofString());
                assertEquals(503, full.statusCode(), full.body());
                assertTrue(full.headers().firstValue("Retry-After").isPresent());
                assertTrue(full.body().contains("http.dashboard.maxStreams"), full.body());
                String metrics = http.send(get(f, "/metrics", TOKEN), HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(metrics.contains("\njric_dashboard_streams " + MAX_STREAMS + ".0\n"), metrics);
                assertTrue(metrics.contains("\njric_dashboard_streams_refused_total 1.0\n"), metrics);

                // a subscriber that leaves frees its slot
                streams.remove(0).close();
                await(() -> f.ric.dashboard().subscribers() == MAX_STREAMS - 1, "the closed stream's slot freed");
                Stream again = open(http, f);
                streams.add(again);
                assertTrue(again.nextSnapshot().contains("\"seq\":"));
                // snapshots advance
                long a = seq(again.nextSnapshot());
                long b = seq(again.nextSnapshot());
                assertTrue(b > a, a + " then " + b);
            } finally {
                for (Stream s : streams) s.close();
            }
            await(() -> f.ric.dashboard().subscribers() == 0, "every slot freed");
        }
    }

    private static List<com.fasterxml.jackson.databind.JsonNode> historyRows(HttpClient http, RicFixture f) {
        try {
            HttpResponse<String> r = http.send(get(f, DashboardApi.HISTORY, TOKEN), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            List<com.fasterxml.jackson.databind.JsonNode> out = new ArrayList<>();
            io.jric.core.internal.http.HttpJson.mapper().readTree(r.body()).path("rows").forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static long seq(String event) {
        int i = event.indexOf("\"seq\":") + 6;
        int j = i;
        while (Character.isDigit(event.charAt(j))) j++;
        return Long.parseLong(event.substring(i, j));
    }

    private static HttpRequest get(RicFixture f, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.url(path))).timeout(Duration.ofSeconds(30));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b.build();
    }

    private static Stream open(HttpClient http, RicFixture f) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(f.url(DashboardApi.EVENTS)))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        return new Stream(r.body());
    }

    /** One open event stream, read line by line. */
    private static final class Stream implements AutoCloseable {
        private final InputStream in;
        private final BufferedReader reader;

        Stream(InputStream in) {
            this.in = in;
            this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }

        /** The data of the next "snapshot" event (bounded wait: the server sends one a second). */
        String nextSnapshot() throws Exception {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    boolean snapshot = false;
                    for (String line; (line = reader.readLine()) != null; ) {
                        if (line.equals("event: snapshot")) snapshot = true;
                        else if (snapshot && line.startsWith("data: ")) return line.substring(6);
                    }
                    throw new AssertionError("the stream ended");
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
