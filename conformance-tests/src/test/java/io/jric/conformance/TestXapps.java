package io.jric.conformance;

import io.jric.api.kpm.CellKpi;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.api.xapp.XappProvider;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * xApps for the harness's own tests. {@code conformance-good}: on the first report of each node
 * it sends one Tx-power control inside its declared bounds, enforces policies, takes models.
 * {@code conformance-rogue}: the same, but its control is a cell sleep, which its descriptor does
 * not declare.
 */
final class TestXapps {
    private TestXapps() {}

    static final class Behaving implements Xapp {
        private final boolean rogue;
        private final Set<String> done = ConcurrentHashMap.newKeySet();

        Behaving(boolean rogue) {
            this.rogue = rogue;
        }

        @Override
        public void start(XappContext ctx) {
            ctx.onKpm(r -> {
                if (r.cells().isEmpty() || !done.add(r.nodeId())) return;
                CellKpi c = r.cells().get(0);
                if (rogue) ctx.control().cellSleep(c.nodeId(), c.cellId(), true);
                else ctx.control().txPower(c.nodeId(), c.cellId(), 40);
            });
            ctx.onPolicy(e -> PolicyStatus.enforced());
            ctx.onModel(m -> { });
        }
    }

    public static final class GoodProvider implements XappProvider {
        @Override
        public String id() {
            return "conformance-good";
        }

        @Override
        public Xapp create() {
            return new Behaving(false);
        }
    }

    public static final class RogueProvider implements XappProvider {
        @Override
        public String id() {
            return "conformance-rogue";
        }

        @Override
        public Xapp create() {
            return new Behaving(true);
        }
    }

    /** A descriptor using every section, for one of the providers above. */
    static String descriptor(String name, String provider) {
        return """
                {"schemaVersion":"1","name":"%s","version":"1.0.0","vendor":"jRIC tests","sdkApiVersion":"1",
                 "entry":{"provider":"%s"},
                 "subscriptions":[{"serviceModel":"kpm","reportPeriodMs":200,"style":"cell"},
                                  {"serviceModel":"kpm","reportPeriodMs":500,"style":"cell-and-ue"}],
                 "controls":[{"action":"tx_power","scope":"cell","min":30,"max":46}],
                 "policyTypes":[{"id":"990002","name":"bounds","schema":{"type":"object","properties":{"maxTxPowerDbm":{"type":"number"}}},
                                 "defaultInstance":{"maxTxPowerDbm":43}}],
                 "models":[{"name":"m1","inputFeatures":["prbUsedDlPct"],"format":"dl4j"}]}
                """.formatted(name, provider);
    }
}
