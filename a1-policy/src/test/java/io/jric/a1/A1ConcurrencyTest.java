package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jric.api.xapp.PolicyEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Concurrent PUTs of one instance end consistent: body, status and what the xApp saw agree. */
@Timeout(180)
class A1ConcurrencyTest {
    @Test
    void concurrentPutsOfTheSameInstanceAreSerialized() throws Exception {
        try (A1Fixture f = A1Fixture.start()) {
            f.install(A1ProbeXapp.descriptor("probe-conc", "1.0.0", A1ProbeXapp.THRESHOLD_TYPE));
            String p = "/A1-P/v2/policytypes/20001/policies/hot";
            Set<Integer> answers = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    fs.add(pool.submit(() -> {
                        for (int i = 0; i < 20; i++) {
                            int v = thread * 20 + i;
                            // odd threads ask the xApp to refuse: the final status depends on the final body
                            String body = "{\"threshold\":" + (v % 101) + (thread % 2 == 1 ? ",\"refuse\":true" : "") + "}";
                            answers.add(f.send("PUT", p, body).statusCode());
                        }
                        return null;
                    }));
                }
                for (Future<?> x : fs) x.get(150, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertTrue(Set.of(200, 201).containsAll(answers), answers::toString);
            JsonNode body = f.expect(200, "GET", p, null);
            boolean refused = body.path("refuse").asBoolean(false);
            String status = f.status("20001", "hot");
            assertEquals(refused, status.startsWith("NOT_ENFORCED"), body + " vs " + status);
            // the last event the xApp saw is the stored body
            List<PolicyEvent> ev = A1ProbeXapp.events("probe-conc");
            PolicyEvent last = ev.get(ev.size() - 1);
            assertEquals(body, A1Fixture.tree(last.json()));
            assertEquals("[\"hot\"]", f.expect(200, "GET", "/A1-P/v2/policytypes/20001/policies", null).toString());
        }
    }
}
