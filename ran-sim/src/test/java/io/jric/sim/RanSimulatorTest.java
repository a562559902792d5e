package io.jric.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicActionType;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionDetails;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2sm.kpm.v1.KpmActionDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmEventTriggerDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationHeader;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RanSimulatorTest {

    @Test
    void acceleratedSimulatorSetsUpEveryNodeAndReportsOnSimulatedTime() throws Exception {
        try (FakeRic ric = new FakeRic();
             RanSimulator sim = new RanSimulator(SimConfig.builder().seed(3).build(),
                     RanSimulator.Options.builder().speed(20).build())) {
            sim.start("127.0.0.1", ric.port());
            sim.allSetupOutcomes().get(10, TimeUnit.SECONDS);
            Set<String> nodes = new HashSet<>();
            FakeRic.Conn target = null;
            for (int i = 0; i < 7; i++) {
                FakeRic.Conn c = ric.nextConnection();
                var setup = c.await(p -> p.getInitiatingMessage().hasE2SetupRequest(), "setup")
                        .getInitiatingMessage().getE2SetupRequest();
                nodes.add(io.jric.proto.E2Ids.nodeId(setup.getGlobalE2NodeId()));
                if (setup.getGlobalE2NodeId().equals(sim.model().globalNodeId(0))) target = c;
            }
            assertEquals(7, nodes.size());
            for (E2NodeAgent a : sim.agents()) assertTrue(a.isSetUp());
            assertTrue(target != null);

            target.send(E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicSubscriptionRequest(
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
            target.await(p -> p.getSuccessfulOutcome().hasRicSubscriptionResponse(), "subscription response");
            long previous = -1;
            for (int i = 0; i < 3; i++) {
                var ind = target.await(p -> p.getInitiatingMessage().hasRicIndication(), "indication " + i)
                        .getInitiatingMessage().getRicIndication();
                long start = KpmIndicationHeader.parseFrom(ind.getRicIndicationHeader()).getCollectionStartTimeMs();
                if (previous >= 0) assertEquals(1000, start - previous);
                previous = start;
                KpmIndicationMessage m = KpmIndicationMessage.parseFrom(ind.getRicIndicationMessage());
                assertEquals(3, m.getCellsCount());
                assertTrue(m.getUesCount() > 0);
            }
            assertTrue(sim.model().timeMs() >= 3000);
            assertTrue(sim.stats().energyWh() > 0);
            assertEquals(0, sim.tickErrors());
            assertThrows(IllegalStateException.class, () -> sim.runTicks(1));
        }
    }

    @Test
    void manualTicksAreDeterministicAndFaultsGoThroughTheSimulator() {
        SimConfig cfg = SimConfig.builder().seed(11).ues(120).build();
        try (RanSimulator a = new RanSimulator(cfg); RanSimulator b = new RanSimulator(cfg)) {
            String cell = a.model().cellIds(2).get(1);
            a.injectFault(Fault.cellOutage(cell, 0, 60_000));
            b.injectFault(Fault.cellOutage(cell, 0, 60_000));
            a.runTicks(50);
            b.runTicks(50);
            assertEquals(a.stats(), b.stats());
            assertTrue(a.model().cell(cell).outage());
            assertEquals(0, a.model().cell(cell).servedUes(), "outage UEs re-established elsewhere");
            assertFalse(a.isRunning());
        }
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> RanSimulator.Options.builder().speed(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> E2NodeAgent.Options.builder().initialBackoffMs(500).maxBackoffMs(100).build());
    }
}
