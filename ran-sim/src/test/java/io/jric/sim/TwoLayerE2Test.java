package io.jric.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.proto.E2Ids;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicActionType;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionDetails;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2sm.kpm.v1.KpmActionDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmEventTriggerDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import io.jric.proto.e2sm.kpm.v1.UeMeasurement;
import io.jric.proto.e2sm.rc.v1.InterFrequencyControl;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.RcControlOutcome;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The two-layer FTP3 preset over E2: both layers' cells and UEs reported, the inter-frequency control acknowledged. */
class TwoLayerE2Test {
    @Test
    void aTwoLayerNodeReportsBothLayersAndTakesTheInterFrequencyControlOverE2() throws Exception {
        try (FakeRic ric = new FakeRic();
             RanSimulator sim = new RanSimulator(SimConfig.preset("two-layer-ftp3").seed(4).gnbs(1).ues(60).build(),
                     RanSimulator.Options.builder().speed(20).build())) {
            sim.start("127.0.0.1", ric.port());
            sim.allSetupOutcomes().get(10, TimeUnit.SECONDS);
            FakeRic.Conn c = ric.nextConnection();
            c.await(p -> p.getInitiatingMessage().hasE2SetupRequest(), "setup");
            c.send(E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicSubscriptionRequest(
                    RicSubscriptionRequest.newBuilder()
                            .setRicRequestId(RicRequestId.newBuilder().setRicRequestorId(1).setRicInstanceId(1))
                            .setRanFunctionId(E2NodeAgent.KPM_RAN_FUNCTION_ID)
                            .setRicSubscriptionDetails(RicSubscriptionDetails.newBuilder()
                                    .setRicEventTriggerDefinition(KpmEventTriggerDefinition.newBuilder()
                                            .setReportingPeriodMs(1000).build().toByteString())
                                    .addRicActionsToBeSetup(RicActionToBeSetupItem.newBuilder().setRicActionId(1)
                                            .setRicActionType(RicActionType.RIC_ACTION_TYPE_REPORT)
                                            .setRicActionDefinition(KpmActionDefinition.newBuilder().setRicStyleType(4)
                                                    .build().toByteString()))))).build());
            c.await(p -> p.getSuccessfulOutcome().hasRicSubscriptionResponse(), "subscription response");
            Set<String> servingLayers = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                KpmIndicationMessage m = KpmIndicationMessage.parseFrom(c.await(
                        p -> p.getInitiatingMessage().hasRicIndication(), "indication").getInitiatingMessage()
                        .getRicIndication().getRicIndicationMessage());
                assertEquals(6, m.getCellsCount());
                for (UeMeasurement u : m.getUesList()) servingLayers.add(sim.model().carrierOf(E2Ids.cellId(u.getServingCell())));
            }
            assertEquals(Set.of("n28", "n78"), servingLayers);

            String lowCell = sim.model().cellIds(0).get(0);
            c.send(E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicControlRequest(
                    RicControlRequest.newBuilder()
                            .setRicRequestId(RicRequestId.newBuilder().setRicRequestorId(1).setRicInstanceId(2))
                            .setRanFunctionId(E2NodeAgent.RC_RAN_FUNCTION_ID)
                            .setRicControlHeader(RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(5)
                                    .build().toByteString())
                            .setRicControlMessage(RcControlMessage.newBuilder().setInterFrequency(
                                    InterFrequencyControl.newBuilder().setCell(E2Ids.parseCellId(lowCell))
                                            .setNrArfcn((int) Carrier.midBand().nrArfcn()).setFrequencyOffsetDb(4))
                                    .build().toByteString()))).build());
            E2apPdu ack = c.await(p -> p.getSuccessfulOutcome().hasRicControlAcknowledge(), "control acknowledge");
            assertEquals(4, RcControlOutcome.parseFrom(ack.getSuccessfulOutcome().getRicControlAcknowledge()
                    .getRicControlOutcome()).getValueAfter());
            assertEquals(4, sim.model().interFrequencyOffset(lowCell, "n78"));
            assertTrue(sim.model().fileTransfers().filesArrived() > 0);
        }
    }
}
