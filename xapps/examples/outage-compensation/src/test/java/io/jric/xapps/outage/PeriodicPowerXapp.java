package io.jric.xapps.outage;

import io.jric.api.kpm.CellKpi;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.api.xapp.XappProvider;

/**
 * A stand-in for a power-control xApp in the test: priority 10, it sets every cell's Tx power to
 * 40 dBm on every report, as a periodic optimiser does.
 */
public final class PeriodicPowerXapp implements XappProvider {
    static final String DESCRIPTOR = """
            {"schemaVersion":"1","name":"periodic-power","version":"1.0.0","vendor":"test","sdkApiVersion":"1",
             "entry":{"provider":"periodic-power"},"priority":10,
             "subscriptions":[{"serviceModel":"kpm","reportPeriodMs":1000,"style":"cell","nodes":["*"]}],
             "controls":[{"action":"tx_power","scope":"cell","min":20,"max":46}]}""";

    @Override
    public String id() {
        return "periodic-power";
    }

    @Override
    public Xapp create() {
        return new Xapp() {
            @Override
            public void start(XappContext ctx) {
                ctx.onKpm(report -> {
                    for (CellKpi c : report.cells()) ctx.control().txPower(c.nodeId(), c.cellId(), 40);
                });
            }
        };
    }
}
