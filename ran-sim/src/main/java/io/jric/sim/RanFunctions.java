package io.jric.sim;

import io.jric.proto.e2.v1.E2NodeComponentConfigItem;
import io.jric.proto.e2.v1.E2NodeComponentInterfaceType;
import io.jric.proto.e2.v1.E2SetupRequest;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2sm.kpm.v1.KpmRanFunctionDefinition;
import io.jric.proto.e2sm.rc.v1.RcControlActionDefinition;
import io.jric.proto.e2sm.rc.v1.RcRanFunctionDefinition;
import java.util.List;

/**
 * The RAN functions a simulated gNB advertises, and its E2 Setup Request (package-private).
 * E2SM-RC control actions: style 3 action 1 handover, style 2 action 1 CIO, style 255 action 1 Tx power,
 * style 255 action 2 cell sleep, 3 and 4 A3 hysteresis and time to trigger, 5 inter-frequency mobility (only with
 * several carriers).
 */
final class RanFunctions {
    private RanFunctions() {}

    static E2SetupRequest setupRequest(RanModel model, int gnbIndex, int tid, int minReportingPeriodMs) {
        String nodeId = model.nodeId(gnbIndex);
        KpmRanFunctionDefinition kpm = KpmRanFunctionDefinition.newBuilder()
                .setRanFunctionShortName("ORAN-E2SM-KPM")
                .setRanFunctionE2SmOid(E2NodeAgent.KPM_OID)
                .setRanFunctionDescription("KPM monitor of simulated gNB " + nodeId)
                .addAllCells(model.cellCgis(gnbIndex))
                .addAllMeasurementNames(List.of("RRU.PrbUsedDl", "RRU.PrbUsedUl", "DRB.UEThpDl", "DRB.UEThpUl",
                        "DRB.MeanActiveUeDl", "PEE.Energy", "CARR.AvgCQI", "RRC.ConnEstabFail.RLF",
                        "HO.AttOutInterEnbN1", "HO.SuccOutInterEnbN1", "RRC.ConnMean", "RRC.ConnMax"))
                .setMinReportingPeriodMs(minReportingPeriodMs)
                .build();
        RcRanFunctionDefinition.Builder rc = RcRanFunctionDefinition.newBuilder()
                .setRanFunctionShortName("ORAN-E2SM-RC")
                .setRanFunctionE2SmOid(E2NodeAgent.RC_OID)
                .setRanFunctionDescription("RAN control of simulated gNB " + nodeId)
                .addControlActions(action(3, 1, "Handover Control"))
                .addControlActions(action(2, 1, "Cell Individual Offset"))
                .addControlActions(action(255, 1, "Tx Power"))
                .addControlActions(action(255, 2, "Cell Sleep"))
                .addControlActions(action(255, 3, "A3 Hysteresis"))
                .addControlActions(action(255, 4, "A3 Time To Trigger"));
        if (model.config().multiCarrier()) rc.addControlActions(action(255, 5, "Inter-Frequency Mobility"));
        return E2SetupRequest.newBuilder()
                .setTransactionId(tid)
                .setGlobalE2NodeId(model.globalNodeId(gnbIndex))
                .addRanFunctions(RanFunctionItem.newBuilder().setRanFunctionId(E2NodeAgent.KPM_RAN_FUNCTION_ID)
                        .setRanFunctionRevision(1).setRanFunctionOid(E2NodeAgent.KPM_OID)
                        .setRanFunctionDefinition(kpm.toByteString()))
                .addRanFunctions(RanFunctionItem.newBuilder().setRanFunctionId(E2NodeAgent.RC_RAN_FUNCTION_ID)
                        .setRanFunctionRevision(1).setRanFunctionOid(E2NodeAgent.RC_OID)
                        .setRanFunctionDefinition(rc.build().toByteString()))
                .addComponentConfigAddition(E2NodeComponentConfigItem.newBuilder()
                        .setInterfaceType(E2NodeComponentInterfaceType.E2_NODE_COMPONENT_INTERFACE_TYPE_NG)
                        .setComponentId("ng-" + nodeId))
                .build();
    }

    private static RcControlActionDefinition action(int style, int id, String name) {
        return RcControlActionDefinition.newBuilder().setRicStyleType(style).setControlActionId(id)
                .setControlActionName(name).build();
    }
}
