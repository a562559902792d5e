package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13, item 10: while a restarted RIC has not restored its xApps, A1 must not answer 404 for
 * their types (ONAP's PMS takes a 4xx in its synchronisation as final and deletes its policies):
 * every A1 request answers 503 with Retry-After until the xApps are back, and nothing is lost.
 */
@Timeout(120)
class A1StartTest {
    static final String P = "/A1-P/v2/policytypes/20001/policies/keep";

    @Test
    void a1Answers503UntilTheStoredXappsAreRestoredThenServesEverything() {
        A1Fixture f = A1Fixture.start();
        try {
            f.install(A1ProbeXapp.descriptor("probe-start", "1.0.0", A1ProbeXapp.THRESHOLD_TYPE));
            f.expect(201, "PUT", P, "{\"threshold\":7}");

            f = f.restartServingBeforeRestore();

            for (String[] req : new String[][] {
                    {"GET", "/A1-P/v2/policytypes"}, {"GET", "/A1-P/v2/policytypes/20001"},
                    {"GET", "/A1-P/v2/policytypes/20001/policies"}, {"GET", P}, {"GET", P + "/status"},
                    {"DELETE", P}, {"GET", "/a1-p/policytypes/20001/policies"}, {"GET", "/a1-p/healthcheck"}}) {
                HttpResponse<String> r = f.send(req[0], req[1], null);
                assertEquals(503, r.statusCode(), req[0] + " " + req[1] + ": " + r.body());
                assertEquals("1", r.headers().firstValue("Retry-After").orElse(null), req[1]);
                assertTrue(A1Fixture.tree(r.body()).get("detail").asText().startsWith("A1 is starting"), r.body());
            }
            HttpResponse<String> put = f.send("PUT", P, "{\"threshold\":8}");
            assertEquals(503, put.statusCode(), put.body());
            assertEquals(200, f.send("GET", "/A1-P/v2/openapi.yaml", null).statusCode());

            f.xapps.restore();

            // nothing was lost or changed by the refused requests
            assertTrue(f.expect(200, "GET", "/A1-P/v2/policytypes", null).toString().contains("\"20001\""));
            JsonNode body = f.expect(200, "GET", P, null);
            assertEquals(7, body.get("threshold").asInt());
            final A1Fixture g = f;
            A1Fixture.await(() -> g.status("20001", "keep").equals("ENFORCED"), "delivered again and enforced");
            f.expect(200, "GET", "/a1-p/healthcheck", null);
        } finally {
            f.close();
        }
    }
}
