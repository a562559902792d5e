package io.jric.gateway;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.UeKpi;
import io.jric.proto.xapp.v1.CellRecord;
import io.jric.proto.xapp.v1.ControlResponse;
import io.jric.proto.xapp.v1.ControlStatus;
import io.jric.proto.xapp.v1.KpmReport;
import io.jric.proto.xapp.v1.ModelEvent;
import io.jric.proto.xapp.v1.Neighbour;
import io.jric.proto.xapp.v1.PolicyEvent;
import io.jric.proto.xapp.v1.UeRecord;
import com.google.protobuf.ByteString;

/** Conversions between the SDK's types and the {@code oran.ric.xapp.v1} messages. */
final class ProtoMapping {
    private ProtoMapping() {}

    static KpmReport kpm(io.jric.api.kpm.KpmReport r) {
        KpmReport.Builder b = KpmReport.newBuilder()
                .setNodeId(r.nodeId())
                .setSubscriptionId(r.subscriptionId())
                .setTimestampMs(r.timestampMs())
                .setRicReceivedNanos(r.receivedAtNanos());
        for (CellKpi c : r.cells()) b.addCells(cell(c));
        for (UeKpi u : r.ues()) b.addUes(ue(u));
        return b.build();
    }

    static CellRecord cell(CellKpi c) {
        return CellRecord.newBuilder()
                .setNodeId(nz(c.nodeId()))
                .setCellId(nz(c.cellId()))
                .setTimestampMs(c.timestampMs())
                .setReceivedAtMs(c.receivedAtMs())
                .setPrbUsedDlPct(c.prbUsedDlPct())
                .setPrbUsedUlPct(c.prbUsedUlPct())
                .setThroughputDlMbps(c.throughputDlMbps())
                .setThroughputUlMbps(c.throughputUlMbps())
                .setActiveUes(c.activeUes())
                .setTxPowerDbm(c.txPowerDbm())
                .setEnergyWh(c.energyWh())
                .setAvgCqi(c.avgCqi())
                .setAvgSinrDb(c.avgSinrDb())
                .setRlfCount(c.rlfCount())
                .setHoAttempts(c.hoAttempts())
                .setHoSuccesses(c.hoSuccesses())
                .setSleeping(c.sleeping())
                .setCioDb(c.cioDb())
                .setOperationalState(c.operationalState() == null ? "" : c.operationalState().name())
                .setRrcConnMean(c.rrcConnMean())
                .setRrcConnMax(c.rrcConnMax())
                .build();
    }

    static UeRecord ue(UeKpi u) {
        UeRecord.Builder b = UeRecord.newBuilder()
                .setUeId(u.ueId())
                .setNodeId(nz(u.nodeId()))
                .setServingCellId(nz(u.servingCellId()))
                .setTimestampMs(u.timestampMs())
                .setRsrpDbm(u.rsrpDbm())
                .setRsrqDb(u.rsrqDb())
                .setSinrDb(u.sinrDb())
                .setCqi(u.cqi())
                .setThroughputDlMbps(u.throughputDlMbps())
                .setThroughputUlMbps(u.throughputUlMbps())
                .setPrbUsedDl(u.prbUsedDl());
        String[] ids = u.neighbourCellIds();
        float[] rsrp = u.neighbourRsrpDbm();
        float[] sinr = u.neighbourSinrDb();
        if (ids != null) {
            for (int i = 0; i < ids.length; i++) {
                b.addNeighbours(Neighbour.newBuilder()
                        .setCellId(nz(ids[i]))
                        .setRsrpDbm(rsrp != null && i < rsrp.length ? rsrp[i] : 0f)
                        .setSinrDb(sinr != null && i < sinr.length ? sinr[i] : 0f));
            }
        }
        return b.build();
    }

    static PolicyEvent policy(long correlationId, io.jric.api.xapp.PolicyEvent e) {
        return PolicyEvent.newBuilder()
                .setCorrelationId(correlationId)
                .setPolicyTypeId(e.policyTypeId())
                .setPolicyId(e.policyId())
                .setJson(nz(e.json()))
                .setDeleted(e.deleted())
                .build();
    }

    static ModelEvent model(long correlationId, io.jric.api.xapp.ModelEvent e) {
        return ModelEvent.newBuilder()
                .setCorrelationId(correlationId)
                .setModelName(e.modelName())
                .setVersion(e.version())
                .setFormat(e.format())
                .addAllInputFeatures(e.inputFeatures())
                .setContent(ByteString.copyFrom(e.content()))
                .build();
    }

    static ControlResponse outcome(ControlOutcome o, long reportRicNanos) {
        return ControlResponse.newBuilder()
                .setStatus(status(o.status()))
                .setDetail(o.detail())
                .setRoundTripNanos(o.roundTripNanos())
                .setLoopNanos(reportRicNanos > 0 ? System.nanoTime() - reportRicNanos : 0)
                .build();
    }

    static ControlStatus status(io.jric.api.e2.ControlStatus s) {
        switch (s) {
            case ACK: return ControlStatus.ACK;
            case FAILURE: return ControlStatus.FAILURE;
            case TIMEOUT: return ControlStatus.TIMEOUT;
            case REFUSED: return ControlStatus.REFUSED;
            case CONFLICT: return ControlStatus.CONFLICT;
            default: throw new IllegalArgumentException("control status " + s);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
