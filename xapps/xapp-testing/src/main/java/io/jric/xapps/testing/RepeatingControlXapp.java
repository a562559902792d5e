package io.jric.xapps.testing;

import io.jric.api.kpm.CellKpi;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.api.xapp.XappProvider;
import java.util.Locale;

/**
 * A stand-in xApp for tests of control conflicts: on every KPM report it sets one cell parameter of every reported
 * cell to one value, as a periodic optimiser does (each acknowledged control renews what the control router holds for
 * it). Its name, priority, action and value come from {@link #descriptor}; the provider id is
 * {@value #PROVIDER}. Actions: {@code a3_hysteresis} (dB), {@code a3_time_to_trigger} (ms), {@code tx_power} (dBm),
 * {@code cell_individual_offset} (dB).
 */
public final class RepeatingControlXapp implements XappProvider {
    /** The provider id descriptors name in {@code entry.provider}. */
    public static final String PROVIDER = "repeating-control";

    /**
     * A descriptor for one such xApp.
     *
     * @param name     the xApp's name (what the control log and conflicts name)
     * @param priority its priority (higher wins a conflict)
     * @param action   the control action, e.g. {@code a3_hysteresis}
     * @param value    the value it sets on every report
     * @param min      the declared control range's minimum
     * @param max      the declared control range's maximum
     */
    public static String descriptor(String name, int priority, String action, double value, double min, double max) {
        return String.format(Locale.ROOT, """
                {"schemaVersion":"1","name":"%s","version":"1.0.0","vendor":"test","sdkApiVersion":"1",
                 "entry":{"provider":"%s"},"priority":%d,
                 "subscriptions":[{"serviceModel":"kpm","reportPeriodMs":1000,"style":"cell","nodes":["*"]}],
                 "controls":[{"action":"%s","scope":"cell","min":%s,"max":%s}],
                 "config":{"schema":{"type":"object","required":["action","value"],
                                     "properties":{"action":{"type":"string"},"value":{"type":"number"}}},
                           "values":{"action":"%s","value":%s}}}""",
                name, PROVIDER, priority, action, num(min), num(max), action, num(value));
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public String id() {
        return PROVIDER;
    }

    @Override
    public Xapp create() {
        return new Xapp() {
            @Override
            public void start(XappContext ctx) {
                String action = ctx.config().string("action")
                        .orElseThrow(() -> new IllegalArgumentException("config.action: missing"));
                double value = ctx.config().number("value")
                        .orElseThrow(() -> new IllegalArgumentException("config.value: missing"));
                switch (action) {
                    case "a3_hysteresis", "a3_time_to_trigger", "tx_power", "cell_individual_offset" -> { }
                    default -> throw new IllegalArgumentException("config.action: " + action
                            + " (expected a3_hysteresis, a3_time_to_trigger, tx_power or cell_individual_offset)");
                }
                ctx.onKpm(report -> {
                    for (CellKpi c : report.cells()) {
                        switch (action) {
                            case "a3_hysteresis" -> ctx.control().a3Hysteresis(c.nodeId(), c.cellId(), value);
                            case "a3_time_to_trigger" -> ctx.control().a3TimeToTrigger(c.nodeId(), c.cellId(), (int) value);
                            case "tx_power" -> ctx.control().txPower(c.nodeId(), c.cellId(), value);
                            default -> ctx.control().cellIndividualOffset(c.nodeId(), c.cellId(), value);
                        }
                    }
                });
            }
        };
    }
}
