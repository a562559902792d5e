package io.jric.conformance;

import io.jric.api.kpm.CellKpi;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.api.xapp.XappProvider;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The xApp the harness installs into a RIC under test to make it start RIC-initiated procedures
 * (subscription, subscription delete, control) towards the harness's emulated node. Config:
 * {@code txPowerDbm} (number, default none): on the first KPM report of each node, send one
 * Tx-power control for the report's first cell. Uses nothing but the SDK, so it travels as a
 * small jar ({@link ProbeJar}) to any RIC.
 */
public final class ProbeXapp implements Xapp {
    /** The provider id the probe's descriptors name in {@code entry.provider}. */
    public static final String PROVIDER_ID = "jric-conformance-probe";

    private final Set<String> controlled = ConcurrentHashMap.newKeySet();

    @Override
    public void start(XappContext ctx) {
        double dbm = ctx.config().number("txPowerDbm").orElse(Double.NaN);
        ctx.onKpm(report -> {
            if (Double.isNaN(dbm) || report.cells().isEmpty() || !controlled.add(report.nodeId())) return;
            CellKpi c = report.cells().get(0);
            ctx.control().txPower(c.nodeId(), c.cellId(), dbm);
        });
        ctx.onPolicy(e -> PolicyStatus.enforced());
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
