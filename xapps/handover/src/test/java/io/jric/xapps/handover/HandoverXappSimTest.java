package io.jric.xapps.handover;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.sim.RanStats;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.SimRun;
import org.junit.jupiter.api.Test;

/**
 * The xApp's decisions against the simulator in-process (as the evaluation hosts it), on a seed no
 * trainer or evaluation uses: leading mobility with rescues beats A3 alone on RLFs and ping-pongs, and
 * the rescue and risk fields of the policy move the outcome the way they say.
 */
class HandoverXappSimTest {
    private static final int PERIODS = 2 * 60_000 / Trainer.REPORT_PERIOD_MS;  // 2 simulated minutes

    @Test
    void leadingBeatsA3AndThePolicyFieldsMoveTheTradeOff() throws Exception {
        ModelBundle model = TrainerTest.small();
        byte[] bundle = model.toBytes();
        String v = model.metadata().version();
        SimConfig cfg = SimConfig.defaults().toBuilder().seed(77).pingPongWindowMs(5000).build();

        SimRun alone = new SimRun(cfg, Trainer.REPORT_PERIOD_MS);
        alone.model().step(PERIODS * alone.periodTicks());
        RanStats a3 = alone.model().stats();
        RanStats lead = Evaluate.withXapp(cfg, PERIODS, bundle, v, null);
        RanStats noRescue = Evaluate.withXapp(cfg, PERIODS, bundle, v, "{\"rescueAfterReports\":0}");
        RanStats loose = Evaluate.withXapp(cfg, PERIODS, bundle, v, "{\"maxPingPongRiskIncrease\":1,\"pingPongCostDb\":0}");

        assertTrue(lead.ricHandovers() > a3.handoverSuccesses() / 2, "the xApp makes the handovers: " + lead);
        assertTrue(lead.radioLinkFailures() < a3.radioLinkFailures(), "RLFs: A3 " + a3 + " vs xApp " + lead);
        assertTrue(lead.pingPongs() < a3.pingPongs(), "ping-pongs: A3 " + a3 + " vs xApp " + lead);
        // Without rescues the widened A3 lets failing links fail.
        assertTrue(noRescue.radioLinkFailures() > 2 * lead.radioLinkFailures(), "no rescues " + noRescue + " vs " + lead);
        // Without the risk bound, more of the xApp's moves come back.
        assertTrue(loose.pingPongs() > lead.pingPongs(), "no risk bound " + loose + " vs " + lead);
    }
}
