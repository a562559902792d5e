package io.jric.xapps.handover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.sim.SimConfig;
import io.jric.xapps.ml.ModelCache;
import org.junit.jupiter.api.Test;

/** Which model the xApp and the evaluation pick: the default one on one carrier, the two-layer one on several. */
class ModelChoiceTest {
    @Test
    void oneCarrierKeepsTheDefaultModel() {
        Trainer.ModelChoice c = Trainer.modelFor(0);
        assertEquals(Trainer.TRAINER_VERSION, c.trainerVersion());
        assertEquals(Trainer.DEFAULT_SEED, c.seed());
        // the default model's options (SimConfig has no equals: compared by its description)
        assertEquals(Trainer.defaults().toString(), c.options().toString());
        assertEquals(c.toString(), Trainer.modelFor(-1).toString());
        assertFalse(c.options().config().multiCarrier());
        // the same cache file as before the two-layer model existed
        assertEquals(ModelCache.file(HandoverModel.MODEL_NAME, "h5", 11),
                ModelCache.file(HandoverModel.MODEL_NAME, c.trainerVersion(), c.seed()));
        assertEquals(0, Evaluate.cellsPerLayer(SimConfig.defaults()));
        assertEquals("", Evaluate.layerConfig(SimConfig.defaults()));
    }

    @Test
    void severalCarriersPickTheTwoLayerModel() {
        SimConfig twoLayer = SimConfig.preset("two-layer-ftp3").build();
        int cellsPerLayer = Evaluate.cellsPerLayer(twoLayer);
        assertTrue(cellsPerLayer > 0);
        Trainer.ModelChoice c = Trainer.modelFor(cellsPerLayer);
        assertEquals(Trainer.TWO_LAYER_TRAINER_VERSION, c.trainerVersion());
        assertEquals(Trainer.TWO_LAYER_SEED, c.seed());
        assertNotEquals(ModelCache.file(HandoverModel.MODEL_NAME, Trainer.TRAINER_VERSION, Trainer.DEFAULT_SEED),
                ModelCache.file(HandoverModel.MODEL_NAME, c.trainerVersion(), c.seed()));
        // trained on the two-layer network as the xApp leads it, on recording seeds no evaluation uses
        assertTrue(c.options().config().multiCarrier());
        assertEquals(twoLayer.carriers(), c.options().config().carriers());
        assertTrue(c.options().config().ftp3());
        assertEquals(HandoverPolicy.DEFAULT.ranA3HysteresisDb(), c.options().config().a3HysteresisDb());
        for (int i : new int[] {0, 1, 1000}) {
            long seed = Trainer.config(c.options(), i).seed();
            assertFalse(seed >= 200 && seed <= 1000, "recording seed " + seed);
        }
    }

    @Test
    void policyDefaultsDependOnTheCarriersInTheRiskBoundAndTheRescueThreshold() throws Exception {
        assertEquals(HandoverPolicy.DEFAULT, HandoverPolicy.defaultFor(0));
        assertEquals(HandoverPolicy.DEFAULT, HandoverPolicy.parse("{}"));
        HandoverPolicy several = HandoverPolicy.defaultFor(3);
        assertEquals(HandoverPolicy.SEVERAL_CARRIERS_MAX_RISK_INCREASE, several.maxPingPongRiskIncrease());
        // one carrier (fifth round): a small risk bound and later rescues; several carriers: the fourth round's
        // default with the sixth round's risk bound 0.07 (0.2 before), rescues still below -5 dB
        assertEquals(0.03, HandoverPolicy.DEFAULT.maxPingPongRiskIncrease());
        assertEquals(-6, HandoverPolicy.DEFAULT.rescueBelowSinrDb());
        assertEquals(0.07, several.maxPingPongRiskIncrease());
        assertEquals(0.2, HandoverPolicy.FOURTH_ROUND_SEVERAL_CARRIERS_MAX_RISK_INCREASE);
        assertEquals(-5, several.rescueBelowSinrDb());
        assertEquals(0, HandoverPolicy.FOURTH_ROUND.maxPingPongRiskIncrease());
        assertEquals(HandoverPolicy.parse("{\"maxPingPongRiskIncrease\":0.07}", HandoverPolicy.FOURTH_ROUND), several);
        // the fifth round's several-carrier default is one A1 field away
        assertEquals(0.2, HandoverPolicy.parse("{\"maxPingPongRiskIncrease\":0.2}", several).maxPingPongRiskIncrease());
        assertEquals(HandoverPolicy.parse("{\"maxPingPongRiskIncrease\":0.03,\"rescueBelowSinrDb\":-6}",
                HandoverPolicy.FOURTH_ROUND), HandoverPolicy.DEFAULT);
        // the descriptor's default instance (created when the xApp starts in a RIC) leaves out what depends on the
        // network: it is the one-carrier default on one carrier and the several-carrier default on several
        assertEquals(HandoverPolicy.DEFAULT, HandoverPolicy.parse(descriptorDefaultInstance(), HandoverPolicy.defaultFor(0)));
        assertEquals(several, HandoverPolicy.parse(descriptorDefaultInstance(), several));
        // absent fields take the network's defaults, given ones win
        assertEquals(several, HandoverPolicy.parse("{}", several));
        assertEquals(0, HandoverPolicy.parse("{\"maxPingPongRiskIncrease\":0}", several).maxPingPongRiskIncrease());
        assertEquals(7, HandoverPolicy.parse("{\"pingPongCostDb\":7}", several).pingPongCostDb());
        assertEquals(HandoverPolicy.SEVERAL_CARRIERS_MAX_RISK_INCREASE,
                HandoverPolicy.parse("{\"pingPongCostDb\":7}", several).maxPingPongRiskIncrease());
    }

    /** {@code xapp.json}'s default instance of the handover policy type (tests run in the module's directory). */
    private static String descriptorDefaultInstance() throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode d = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.nio.file.Files.readString(java.nio.file.Path.of("xapp.json")));
        for (com.fasterxml.jackson.databind.JsonNode t : d.path("policyTypes")) {
            if (HandoverPolicy.TYPE.equals(t.path("id").asText())) return t.path("defaultInstance").toString();
        }
        throw new AssertionError("no " + HandoverPolicy.TYPE + " in xapp.json");
    }
}
