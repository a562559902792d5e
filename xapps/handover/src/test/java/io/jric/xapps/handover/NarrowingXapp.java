package io.jric.xapps.handover;

import io.jric.api.kpm.CellKpi;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.api.xapp.XappProvider;

/**
 * An xApp of higher priority than the handover xApp (60) that sets every cell's A3 hysteresis to 1 dB on every
 * report (each acknowledged one renews its ownership of the parameter), as a load balancer pulling would.
 */
public final class NarrowingXapp implements XappProvider {
    static final String NAME = "narrowing-probe";
    static final String DESCRIPTOR = """
            {"schemaVersion":"1","name":"narrowing-probe","version":"1.0.0","vendor":"test","sdkApiVersion":"1",
             "entry":{"provider":"narrowing-probe"},"priority":60,
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
                    for (CellKpi c : report.cells()) ctx.control().a3Hysteresis(c.nodeId(), c.cellId(), 1);
                });
            }
        };
    }
}
