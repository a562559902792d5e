package io.jric.conformance;

import io.jric.api.kpm.CellKpi;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.api.xapp.XappProvider;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The xApp the harness installs into a RIC under test to make it start RIC-initiated procedures
 * (subscription, subscription delete, control) towards the harness's emulated node. Config:
 * {@code txPowerDbm} (number, default none): on the first KPM report of each node, send one
 * Tx-power control for the report's first cell. A1 policies of the types its descriptor
 * declares: ENFORCED, unless the instance says {@code "refuse": true} (then NOT_ENFORCED,
 * {@value #REFUSAL}), so the A1 suite can observe both status values. Uses nothing but the SDK
 * and the JDK, so it travels as a small jar ({@link ProbeJar}) to any RIC.
 */
public final class ProbeXapp implements Xapp {
    /** The provider id the probe's descriptors name in {@code entry.provider}. */
    public static final String PROVIDER_ID = "jric-conformance-probe";
    /** The reason the probe gives for a policy it refuses. */
    public static final String REFUSAL = "refused by the conformance probe (the policy says refuse: true)";
    private static final Pattern REFUSE = Pattern.compile("\"refuse\"\\s*:\\s*true");

    private final Set<String> controlled = ConcurrentHashMap.newKeySet();

    @Override
    public void start(XappContext ctx) {
        double dbm = ctx.config().number("txPowerDbm").orElse(Double.NaN);
        ctx.onKpm(report -> {
            if (Double.isNaN(dbm) || report.cells().isEmpty() || !controlled.add(report.nodeId())) return;
            CellKpi c = report.cells().get(0);
            ctx.control().txPower(c.nodeId(), c.cellId(), dbm);
        });
        ctx.onPolicy(e -> !e.deleted() && e.json() != null && REFUSE.matcher(e.json()).find()
                ? PolicyStatus.notEnforced(REFUSAL) : PolicyStatus.enforced());
    }

    /** Provider {@value #PROVIDER_ID}. */
    public static final class Provider implements XappProvider {
        @Override
        public String id() {
            return PROVIDER_ID;
        }

        @Override
        public Xapp create() {
            return new ProbeXapp();
        }
    }
}
