package io.jric.xapps.lb;

import io.jric.api.kpm.CellKpi;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.api.xapp.XappProvider;

/**
 * A stand-in for the handover xApp leading mobility in the test: priority 45 (the handover xApp's), it sets every
 * cell's A3 hysteresis to 10 dB on every report (each acknowledged one renews its ownership of the parameter).
 */
public final class WideningXapp implements XappProvider {
    static final String NAME = "widening-probe";
    static final String DESCRIPTOR = """
            {"schemaVersion":"1","name":"widening-probe","version":"1.0.0","vendor":"test","sdkApiVersion":"1",
             "entry":{"provider":"widening-probe"},"priority":45,
             "subscriptions":[{"serviceModel":"kpm","reportPeriodMs":1000,"style":"cell","nodes":["*"]}],
             "controls":[{"action":"a3_hysteresis","scope":"cell","min":0,"max":15}]}""";

    @Override
    public String id() {
        return NAME;
    }

    @Override
    public Xapp create() {
        return new Xapp() {
            @Override
            public void start(XappContext ctx) {
                ctx.onKpm(report -> {
                    for (CellKpi c : report.cells()) ctx.control().a3Hysteresis(c.nodeId(), c.cellId(), 10);
                });
            }
        };
    }
}
