package io.jric.server;

import static io.jric.server.RicFixture.await;
import static io.jric.server.RicFixture.probe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.kpm.KpmReport;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An A1 policy of the built-in guard-rails type, PUT on the RIC's own HTTP server, binds an xApp's controls. */
class A1GuardRailTest {
    private RicFixture f;

    @BeforeEach
    void start() {
        ProbeXapp.BY_NAME.clear();
        f = RicFixture.start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aGuardRailPolicyRefusesControlsAboveItsCeilingUntilDeleted() throws Exception {
        f.ric.xapps().install(probe("steer", "1.0.0", "record",
                "\"priority\":100,\"controls\":[{\"action\":\"tx_power\",\"scope\":\"cell\",\"min\":20,\"max\":46}]"), null, null);
        await(() -> ProbeXapp.BY_NAME.containsKey("steer"), "started");
        ProbeXapp steer = ProbeXapp.BY_NAME.get("steer");
        KpmReport r = steer.reports.poll(30, TimeUnit.SECONDS);

        String path = "/A1-P/v2/policytypes/jric.guardrails.v1/policies/ceiling";
        HttpResponse<String> put = f.send("PUT", path, "{\"scope\":\"*\",\"txPowerMaxDbm\":40}");
        assertEquals(201, put.statusCode(), put.body());
        await(() -> f.send("GET", path + "/status", null).body().contains("ENFORCED"), "policy enforced");

        await(() -> {
            ControlOutcome o = steer.txPowerOnFirstCell(r, 44).toCompletableFuture().join();
            return o.status() == ControlStatus.REFUSED && o.detail().contains("Tx power ceiling 40.0 dBm")
                    && o.detail().contains("A1 policy ceiling");
        }, "the router enforces the A1 guard rail");
        assertEquals(ControlStatus.ACK, steer.txPowerOnFirstCell(r, 39).toCompletableFuture().get(10, TimeUnit.SECONDS).status());

        assertEquals(204, f.send("DELETE", path, null).statusCode());
        await(() -> steer.txPowerOnFirstCell(r, 44).toCompletableFuture().join().status() == ControlStatus.ACK,
                "the ceiling is gone with the policy");
        HttpResponse<String> bad = f.send("PUT", path, "{\"scope\":\"*\",\"txPowerMaxDbm\":\"high\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("/txPowerMaxDbm"), bad.body());
    }
}
