package io.jric.e2.aper.kpm;

import com.google.protobuf.ByteString;
import io.jric.e2.aper.AperException;
import io.jric.e2.aper.kpm.Kpm.*;
import io.jric.e2.aper.sm.E2smException;
import io.jric.e2.aper.sm.NodeSideFunction;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionDetails;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import io.jric.proto.e2sm.kpm.v1.KpmActionDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmEventTriggerDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationHeader;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import io.jric.proto.e2sm.kpm.v1.KpmRanFunctionDefinition;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import io.jric.proto.e2sm.kpm.v1.UeMeasurement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * jRIC's simulated node speaking E2SM-KPM in APER (one version). Advertises report styles 1 (cell,
 * format 1) and 4 (UEs, format 3) with {@link KpmNames}; a KPM style-1 action with cellGlobalID c
 * becomes jRIC's {style 1, cell_filter [c]}, one without a cell {style 1, every cell}, a style-4 action
 * jRIC's {style 4}; the node's indications are split back: format 1 with one cell's values (the
 * jRIC.Cell.* names identify the cell when the action named none), format 3 with the UEs.
 */
public final class KpmNodeSide implements NodeSideFunction {
    private final KpmCodec.Version version;
    private final Map<RicRequestId, Map<Integer, Action>> subs = new HashMap<>();

    /** What one KPM action asked for. */
    /** positional: every measurement of the action is a name with one label, so reports can follow its order without measInfoList. */
    record Action(boolean ues, NrCgi cell, List<String> names, boolean positional) {
    }

    KpmNodeSide(KpmCodec.Version version) {
        this.version = version;
    }

    @Override
    public String serviceModel() {
        return "E2SM-KPM";
    }

    @Override
    public String version() {
        return version.label;
    }

    private static List<MeasInfoActionItem> items(List<String> names) {
        List<MeasInfoActionItem> out = new ArrayList<>();
        for (String n : names) out.add(new MeasInfoActionItem(n, null, Kpm.NO_EXT));
        return out;
    }

    @Override
    public ByteString definitionToAper(ByteString definitionProto) throws E2smException {
        KpmRanFunctionDefinition d = KpmRicSide.parse(() -> KpmRanFunctionDefinition.parseFrom(definitionProto), "RAN function definition");
        RanFunctionDescription r = new RanFunctionDescription(
                new RanFunctionName(d.getRanFunctionShortName(), d.getRanFunctionE2SmOid(), d.getRanFunctionDescription(), null, Kpm.NO_EXT),
                false, null,
                List.of(new EventTriggerStyle(1, "Periodic Report", 1, Kpm.NO_EXT)),
                List.of(new ReportStyle(1, "E2 Node Measurement", 1, items(KpmNames.CELL), 1, 1, Kpm.NO_EXT),
                        new ReportStyle(4, "Common Condition-based, UE-level Measurement", 4, items(KpmNames.UE), 1, 3, Kpm.NO_EXT)),
                Kpm.NO_EXT);
        return ByteString.copyFrom(KpmRicSide.encode(() -> KpmCodec.encodeDefinition(r)));
    }

    @Override
    public RicSubscriptionRequest subscriptionFromRic(RicSubscriptionRequest request) throws E2smException {
        RicSubscriptionDetails d = request.getRicSubscriptionDetails();
        EventTriggerDefinition et;
        try {
            et = KpmCodec.decodeEventTrigger(d.getRicEventTriggerDefinition().toByteArray());
        } catch (AperException e) {
            throw KpmFamily.decodeFailure("event trigger definition", e);
        }
        RicSubscriptionDetails.Builder out = RicSubscriptionDetails.newBuilder().setRicEventTriggerDefinition(
                KpmEventTriggerDefinition.newBuilder().setReportingPeriodMs((int) Math.min(et.reportingPeriodMs(), 0xFFFFFFFFL)).build().toByteString());
        Map<Integer, Action> actions = new HashMap<>();
        for (RicActionToBeSetupItem a : d.getRicActionsToBeSetupList()) {
            ActionDefinition ad;
            try {
                ad = KpmCodec.decodeAction(a.getRicActionDefinition().toByteArray());
            } catch (AperException e) {
                throw KpmFamily.decodeFailure("action definition of action " + a.getRicActionId(), e);
            }
            KpmActionDefinition.Builder j = KpmActionDefinition.newBuilder();
            ActionFormat1 f1;
            boolean ues;
            if (ad.styleType() == 1 && ad.f1() != null) {
                f1 = ad.f1();
                ues = false;
                j.setRicStyleType(1);
            } else if (ad.styleType() == 4 && ad.f4() != null) {
                f1 = ad.f4().sub();
                ues = true;
                j.setRicStyleType(4);
            } else {
                throw new E2smException("E2SM-KPM: jRIC's node serves report styles 1 (format 1) and 4 (format 4), not style "
                        + ad.styleType() + " format " + ad.format() + " (action " + a.getRicActionId() + ")");
            }
            j.setGranularityPeriodMs((int) Math.min(f1.granulPeriodMs(), 0xFFFFFFFFL));
            NrCgi cell = null;
            if (f1.cell() != null && f1.cell().alt() == 0) {
                cell = NrCgi.newBuilder().setPlmnIdentity(f1.cell().plmn()).setNrCellIdentity(f1.cell().cellId()).build();
                j.addCellFilter(cell);
            }
            List<String> names = new ArrayList<>();
            boolean positional = true;
            for (MeasInfoItem mi : f1.measInfo()) {
                if (mi.type().name() != null) names.add(mi.type().name());
                positional &= mi.type().name() != null && mi.labels().size() == 1;
            }
            actions.put(a.getRicActionId(), new Action(ues, cell, names, positional));
            out.addRicActionsToBeSetup(a.toBuilder().setRicActionDefinition(j.build().toByteString()));
        }
        subs.put(request.getRicRequestId(), actions);
        return request.toBuilder().setRicSubscriptionDetails(out).build();
    }

    @Override
    public void subscriptionEnded(RicRequestId requestId) {
        subs.remove(requestId);
    }

    @Override
    public List<RicIndication> indicationToRic(RicIndication indication) throws E2smException {
        Map<Integer, Action> actions = subs.get(indication.getRicRequestId());
        Action a = actions == null ? null : actions.get(indication.getRicActionId());
        if (a == null) {
            throw new E2smException("E2SM-KPM: no KPM action " + indication.getRicActionId() + " in this subscription");
        }
        KpmIndicationHeader h = KpmRicSide.parse(() -> KpmIndicationHeader.parseFrom(indication.getRicIndicationHeader()), "indication header");
        KpmIndicationMessage m = KpmRicSide.parse(() -> KpmIndicationMessage.parseFrom(indication.getRicIndicationMessage()), "indication message");
        ByteString header = ByteString.copyFrom(KpmRicSide.encode(() -> KpmCodec.encodeHeader(KpmFamily.header(h, version), version)));
        Long gp = h.getGranularityPeriodMs() > 0 ? h.getGranularityPeriodMs() : null;
        List<RicIndication> out = new ArrayList<>();
        if (a.ues()) {
            if (m.getUesCount() == 0) return out;
            List<UeReport> reps = new ArrayList<>();
            for (UeMeasurement u : m.getUesList()) {
                // values in the action definition's order, noValue where the UE has none: measInfoList is left out
                Map<String, RecordItem> vals = KpmNames.ueValues(u);
                if (a.positional()) {
                    List<RecordItem> rec = new ArrayList<>(a.names().size());
                    for (String n : a.names()) {
                        RecordItem v = vals.get(n);
                        rec.add(v == null ? RecordItem.NO_VALUE : v);
                    }
                    reps.add(new UeReport(ueid(u), format1(a.names(), rec, gp, true)));
                } else {
                    vals.keySet().retainAll(a.names());
                    reps.add(new UeReport(ueid(u), format1(new ArrayList<>(vals.keySet()), new ArrayList<>(vals.values()), gp, false)));
                }
            }
            out.add(with(indication, header, new IndicationMessage(null, null, new MessageFormat3(reps))));
            return out;
        }
        for (CellMeasurement c : m.getCellsList()) {
            if (a.cell() != null && !a.cell().equals(c.getCell())) continue;
            List<RecordItem> vals = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (String n : a.names()) {
                RecordItem v = KpmNames.cellValue(c, n);
                names.add(n);
                vals.add(v == null ? RecordItem.NO_VALUE : v);
            }
            out.add(with(indication, header, new IndicationMessage(format1(names, vals, gp, a.positional()), null, null)));
        }
        return out;
    }

    /**
     * A report. When its values follow the action definition's measurement list (positional), measInfoList,
     * OPTIONAL in IndicationMessage-Format1, is left out; otherwise it names the values. An action without
     * names jRIC knows gets one noValue under jRIC.None with its measInfoList.
     */
    private static MessageFormat1 format1(List<String> names, List<RecordItem> values, Long gp, boolean positional) {
        if (positional && !values.isEmpty()) {
            return new MessageFormat1(List.of(new MeasDataItem(values, null, Kpm.NO_EXT)), null, gp);
        }
        List<Long> noLabel = new ArrayList<>(java.util.Collections.nCopies(21, (Long) null));
        noLabel.set(0, 0L);
        MeasLabel l = new MeasLabel(java.util.Collections.unmodifiableList(noLabel), null, Kpm.NO_EXT);
        List<MeasInfoItem> info = new ArrayList<>();
        for (String n : names) info.add(new MeasInfoItem(new MeasType(n, null), List.of(l)));
        if (values.isEmpty()) {
            values = List.of(RecordItem.NO_VALUE);
            info = List.of(new MeasInfoItem(new MeasType("jRIC.None", null), List.of(l)));
        }
        return new MessageFormat1(List.of(new MeasDataItem(values, null, Kpm.NO_EXT)), info, gp);
    }

    /** jRIC's UE id as gNB-UEID: ran-UEID holds all 64 bits, amf-UE-NGAP-ID the low 40; GUAMI of the serving PLMN. */
    static Ueid ueid(UeMeasurement u) {
        ByteString plmn = u.hasServingCell() && u.getServingCell().getPlmnIdentity().size() == 3
                ? u.getServingCell().getPlmnIdentity() : ByteString.copyFrom(new byte[3]);
        byte[] ran = java.nio.ByteBuffer.allocate(8).putLong(u.getUeId()).array();
        return Ueid.gnb(new GnbUeid(u.getUeId() & 0xFFFFFFFFFFL, new Guami(plmn, 0, 0, 0, Kpm.NO_EXT), null, null,
                ByteString.copyFrom(ran), null, null, Kpm.NO_EXT));
    }

    private static RicIndication with(RicIndication i, ByteString header, IndicationMessage m) throws E2smException {
        return i.toBuilder().setRicIndicationHeader(header)
                .setRicIndicationMessage(ByteString.copyFrom(KpmRicSide.encode(() -> KpmCodec.encodeMessage(m)))).build();
    }
}
