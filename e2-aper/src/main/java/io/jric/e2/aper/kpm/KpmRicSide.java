package io.jric.e2.aper.kpm;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.jric.e2.aper.AperException;
import io.jric.e2.aper.kpm.Kpm.*;
import io.jric.e2.aper.sm.E2smException;
import io.jric.e2.aper.sm.RicSideFunction;
import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.RicActionNotAdmittedItem;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionDetails;
import io.jric.proto.e2.v1.RicSubscriptionFailure;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2.v1.RicSubscriptionResponse;
import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import io.jric.proto.e2sm.kpm.v1.KpmActionDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmEventTriggerDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import io.jric.proto.e2sm.kpm.v1.KpmRanFunctionDefinition;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import io.jric.proto.e2sm.kpm.v1.UeMeasurement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RIC's side of one node's E2SM-KPM RAN function. A jRIC action (style 1: cells; style 4: cells and
 * UEs) becomes one KPM style-1 format-1 action per cell (KPM format-1 indications carry no cell label),
 * plus, for style 4, one KPM style-4 format-4 action whose format-3 indications carry the UEs. KPM
 * action ids are allocated 0.. per subscription; each maps back to the jRIC action and its cell or UEs.
 */
public final class KpmRicSide implements RicSideFunction {
    /** E2AP allows 16 actions in one subscription. */
    public static final int MAX_ACTIONS = 16;

    private final RanFunctionDescription def;
    private final ByteString definitionProto;
    private final List<NrCgi> cells;
    /**
     * For a node whose definition lists no cells: the NR cell identity of its gNB with local cell id 0 (NCI =
     * gNB ID followed by zeros, TS 38.300), which a node-level report and a UE report without a serving cell are
     * put on. Null until {@link #nodeIdentity} gives a gNB identity.
     */
    private NrCgi nodeCell;

    @Override
    public void nodeIdentity(io.jric.proto.e2.v1.GlobalE2NodeId id) {
        if (!id.hasGnb() || !cells.isEmpty()) return;
        io.jric.proto.e2.v1.GlobalGnbId g = id.getGnb().getGlobalGnbId();
        int len = g.getGnbId().getLength();
        if (len < 22 || len > 32 || g.getPlmnIdentity().getValue().size() != 3) return;
        nodeCell = NrCgi.newBuilder().setPlmnIdentity(g.getPlmnIdentity().getValue())
                .setNrCellIdentity(g.getGnbId().getValue() << (36 - len)).build();
    }
    private KpmCodec.Version version;
    private boolean decided;
    private String basis;
    private final Map<RicRequestId, Map<Integer, Part>> subs = new HashMap<>();
    private long skippedValues;
    private String lastSkip = "";

    /** One KPM action of a subscription: the jRIC action it belongs to, its cell (null: any / unknown) or its UEs. */
    record Part(int jricActionId, NrCgi cell, boolean ues, long granularityMs, List<String> names, int[] actionSlots) {
        Part(int jricActionId, NrCgi cell, boolean ues, long granularityMs, List<String> names) {
            this(jricActionId, cell, ues, granularityMs, List.copyOf(names), actionSlots(names, ues));
        }

        /** The slots of the action definition's measurements, in its order: how a report without measInfoList is read. */
        private static int[] actionSlots(List<String> names, boolean ues) {
            int[] out = new int[names.size()];
            for (int i = 0; i < out.length; i++) out[i] = ues ? KpmNames.ueSlot(names.get(i)) : KpmNames.cellSlot(names.get(i));
            return out;
        }
    }

    private KpmRicSide(RanFunctionDescription def, KpmCodec.Version version, boolean decided, String basis) {
        this.def = def;
        this.version = version;
        this.decided = decided;
        this.basis = basis;
        List<NrCgi> cs = new ArrayList<>();
        if (def.kpmNodes() != null) {
            for (KpmNode n : def.kpmNodes()) {
                if (n.cells() == null) continue;
                for (CellObject c : n.cells()) {
                    if (c.cgi().alt() == 0) cs.add(NrCgi.newBuilder().setPlmnIdentity(c.cgi().plmn()).setNrCellIdentity(c.cgi().cellId()).build());
                }
            }
        }
        this.cells = List.copyOf(cs);
        Set<String> names = new LinkedHashSet<>();
        if (def.reportStyles() != null) {
            for (ReportStyle s : def.reportStyles()) {
                for (MeasInfoActionItem m : s.measInfo()) names.add(m.name());
            }
        }
        this.definitionProto = KpmRanFunctionDefinition.newBuilder().setRanFunctionShortName(def.name().shortName())
                .setRanFunctionE2SmOid(def.name().oid()).setRanFunctionDescription(def.name().description())
                .addAllCells(cells).addAllMeasurementNames(names).build().toByteString();
    }

    /** Decides the version from the definition: which layouts decode it and re-encode it to the same bytes. */
    static KpmRicSide of(byte[] aper) throws E2smException {
        RanFunctionDescription std = null;
        AperException stdErr = null;
        try {
            std = KpmCodec.decodeDefinition(aper, false);
            if (!Arrays.equals(aper, KpmCodec.encodeDefinition(std))) {
                stdErr = new AperException(-1, "decodes in the v03.00 / v02.03 layout but does not re-encode to the same bytes");
                std = null;
            }
        } catch (AperException e) {
            stdErr = e;
        }
        if (std != null) {
            boolean v3Only = usesV3Additions(std);
            if (v3Only) {
                return new KpmRicSide(std, KpmCodec.Version.V03_00, true,
                        "RAN function definition uses v03.00 extension additions (binRangeDef): v03.00");
            }
            return new KpmRicSide(std, KpmCodec.Version.V03_00, false,
                    "RAN function definition decodes identically as v03.00 and v02.03; v03.00 assumed until the first indication header settles it");
        }
        try {
            RanFunctionDescription old = KpmCodec.decodeDefinition(aper, true);
            if (Arrays.equals(aper, KpmCodec.encodeDefinition(old))) {
                return new KpmRicSide(old, KpmCodec.Version.V02_03, true,
                        "RAN function definition decodes only in the v02 layout with the KPM node list (not as v03.00): v02.03");
            }
        } catch (AperException e) {
            // fall through: report the v03.00 reason
        }
        throw new E2smException("E2SM-KPM: the RAN function definition decodes in no version jRIC speaks (v03.00 / v04.00, v02.03): "
                + stdErr.getMessage(), stdErr.bitPosition(), stdErr);
    }

    private static boolean usesV3Additions(RanFunctionDescription d) {
        if (d.reportStyles() == null) return false;
        for (ReportStyle s : d.reportStyles()) {
            for (MeasInfoActionItem m : s.measInfo()) {
                if (KpmCodec.hasExt(m.ext())) return true;
            }
        }
        return false;
    }

    @Override
    public String serviceModel() {
        return "E2SM-KPM";
    }

    @Override
    public String version() {
        return version.label;
    }

    @Override
    public String versionBasis() {
        return basis;
    }

    /** True once the version is settled (by the definition or by the first indication header). */
    public boolean versionDecided() {
        return decided;
    }

    @Override
    public ByteString definitionProto() {
        return definitionProto;
    }

    /** The decoded definition. */
    public RanFunctionDescription definition() {
        return def;
    }

    /** Values of the node's indications jRIC's model has no place for (unknown names, labels, noValue), since the start. */
    public long skippedValues() {
        return skippedValues;
    }

    public String lastSkipReason() {
        return lastSkip;
    }

    private List<String> advertised(long style, List<String> mapped) {
        List<String> out = new ArrayList<>();
        if (def.reportStyles() == null) return out;
        for (ReportStyle s : def.reportStyles()) {
            if (s.type() != style) continue;
            for (MeasInfoActionItem m : s.measInfo()) {
                if (mapped.contains(m.name()) && !out.contains(m.name())) out.add(m.name());
            }
        }
        return out;
    }

    private static ActionFormat1 format1(List<String> names, long gp, Cgi cell) {
        List<MeasInfoItem> items = new ArrayList<>();
        List<Long> noLabel = new ArrayList<>(java.util.Collections.nCopies(21, (Long) null));
        noLabel.set(0, 0L);
        MeasLabel l = new MeasLabel(java.util.Collections.unmodifiableList(noLabel), null, Kpm.NO_EXT);
        for (String n : names) items.add(new MeasInfoItem(new MeasType(n, null), List.of(l)));
        return new ActionFormat1(items, gp, cell, Kpm.NO_EXT);
    }

    /** The condition of jRIC's UE action: every UE with an RSRP (testType rSRP, testExpr present), i.e. every connected UE. */
    static final TestCondInfo EVERY_UE = new TestCondInfo(4, 0, 4, null, Kpm.NO_EXT);

    @Override
    public RicSubscriptionRequest subscriptionToNode(RicSubscriptionRequest request) throws E2smException {
        RicSubscriptionDetails d = request.getRicSubscriptionDetails();
        KpmEventTriggerDefinition et = parse(() -> KpmEventTriggerDefinition.parseFrom(d.getRicEventTriggerDefinition()), "event trigger");
        if (et.getReportingPeriodMs() < 1) throw new E2smException("E2SM-KPM: reporting period 0 ms");
        RicSubscriptionDetails.Builder out = RicSubscriptionDetails.newBuilder()
                .setRicEventTriggerDefinition(ByteString.copyFrom(KpmCodec.encodeEventTrigger(new EventTriggerDefinition(et.getReportingPeriodMs(), Kpm.NO_EXT))));
        Map<Integer, Part> parts = new LinkedHashMap<>();
        int next = 0;
        int needed = 0;
        for (RicActionToBeSetupItem a : d.getRicActionsToBeSetupList()) {
            KpmActionDefinition ad = parse(() -> KpmActionDefinition.parseFrom(a.getRicActionDefinition()), "action definition");
            needed += (ad.getCellFilterCount() > 0 ? ad.getCellFilterCount() : Math.max(1, cells.size())) + (ad.getRicStyleType() == 4 ? 1 : 0);
        }
        if (needed > MAX_ACTIONS) {
            throw new E2smException("E2SM-KPM: this subscription needs " + needed + " KPM actions (one per cell, one for the UEs), more than E2AP's limit of "
                    + MAX_ACTIONS + " actions per subscription");
        }
        for (RicActionToBeSetupItem a : d.getRicActionsToBeSetupList()) {
            KpmActionDefinition ad = parse(() -> KpmActionDefinition.parseFrom(a.getRicActionDefinition()), "action definition");
            if (ad.getRicStyleType() != 1 && ad.getRicStyleType() != 4) {
                throw new E2smException("E2SM-KPM: jRIC action " + a.getRicActionId() + " has style " + ad.getRicStyleType() + " (1 or 4)");
            }
            long gp = ad.getGranularityPeriodMs() > 0 ? ad.getGranularityPeriodMs() : et.getReportingPeriodMs();
            List<String> cellNames = advertised(1, KpmNames.CELL);
            if (cellNames.isEmpty()) {
                throw new E2smException("E2SM-KPM: the node advertises no report style 1 measurement jRIC maps");
            }
            List<NrCgi> targets = ad.getCellFilterCount() > 0 ? ad.getCellFilterList() : cells;
            List<NrCgi> perAction = targets.isEmpty() ? java.util.Collections.singletonList(null) : targets;
            for (NrCgi c : perAction) {
                Cgi cgi = c == null ? null : Cgi.nr(c.getPlmnIdentity(), c.getNrCellIdentity());
                byte[] def1 = encode(() -> KpmCodec.encodeAction(new ActionDefinition(1, format1(cellNames, gp, cgi), null, null, null, null)));
                out.addRicActionsToBeSetup(a.toBuilder().setRicActionId(next).setRicActionDefinition(ByteString.copyFrom(def1)));
                parts.put(next++, new Part(a.getRicActionId(), c, false, gp, cellNames));
            }
            if (ad.getRicStyleType() == 4) {
                List<String> ueNames = advertised(4, KpmNames.UE);
                if (ueNames.isEmpty()) {
                    throw new E2smException("E2SM-KPM: the node advertises no report style 4 measurement jRIC maps");
                }
                byte[] def4 = encode(() -> KpmCodec.encodeAction(new ActionDefinition(4, null, null, null,
                        new ActionFormat4(List.of(new UeCond(EVERY_UE, Kpm.NO_EXT)), format1(ueNames, gp, null)), null)));
                out.addRicActionsToBeSetup(a.toBuilder().setRicActionId(next).setRicActionDefinition(ByteString.copyFrom(def4)));
                parts.put(next++, new Part(a.getRicActionId(), null, true, gp, ueNames));
            }
        }
        subs.put(request.getRicRequestId(), parts);
        return request.toBuilder().setRicSubscriptionDetails(out).build();
    }

    /** The KPM action id -> (jRIC action, cell or UEs) map of a subscription, for diagnostics. */
    public Map<Integer, Part> actions(RicRequestId id) {
        return subs.getOrDefault(id, Map.of());
    }

    @Override
    public RicSubscriptionResponse subscriptionResponseFromNode(RicSubscriptionResponse response) throws E2smException {
        Map<Integer, Part> parts = state(response.getRicRequestId());
        Set<Integer> admitted = new LinkedHashSet<>();
        for (int id : response.getRicActionsAdmittedList()) {
            Part p = parts.get(id);
            if (p != null) admitted.add(p.jricActionId());
        }
        Map<Integer, Cause> notAdmitted = new LinkedHashMap<>();
        for (RicActionNotAdmittedItem n : response.getRicActionsNotAdmittedList()) {
            Part p = parts.get(n.getRicActionId());
            if (p != null && !admitted.contains(p.jricActionId())) notAdmitted.putIfAbsent(p.jricActionId(), n.getCause());
        }
        RicSubscriptionResponse.Builder b = response.toBuilder().clearRicActionsAdmitted().clearRicActionsNotAdmitted().addAllRicActionsAdmitted(admitted);
        notAdmitted.forEach((id, c) -> b.addRicActionsNotAdmitted(RicActionNotAdmittedItem.newBuilder().setRicActionId(id).setCause(c)));
        return b.build();
    }

    @Override
    public RicSubscriptionFailure subscriptionFailureFromNode(RicSubscriptionFailure failure) {
        subs.remove(failure.getRicRequestId());
        return failure;
    }

    @Override
    public void subscriptionEnded(RicRequestId requestId) {
        subs.remove(requestId);
    }

    private Map<Integer, Part> state(RicRequestId id) throws E2smException {
        Map<Integer, Part> p = subs.get(id);
        if (p == null) {
            throw new E2smException("E2SM-KPM: no subscription " + id.getRicRequestorId() + "/" + id.getRicInstanceId() + " known for this node");
        }
        return p;
    }

    private IndicationHeader decodeHeader(byte[] h) throws E2smException {
        if (decided) {
            try {
                return KpmCodec.decodeHeader(h, version);
            } catch (AperException e) {
                throw KpmFamily.decodeFailure("indication header (" + version.label + ")", e);
            }
        }
        IndicationHeader v3 = null;
        IndicationHeader v2 = null;
        AperException err = null;
        try {
            v3 = KpmCodec.decodeHeader(h, KpmCodec.Version.V03_00);
        } catch (AperException e) {
            err = e;
        }
        try {
            v2 = KpmCodec.decodeHeader(h, KpmCodec.Version.V02_03);
        } catch (AperException e) {
            if (err == null) err = e;
        }
        if ((v3 == null) == (v2 == null)) {
            if (v3 == null) throw KpmFamily.decodeFailure("indication header (neither v03.00 nor v02.03)", err);
            return v3; // both decode: stay undecided, read as the assumed v03.00
        }
        version = v3 != null ? KpmCodec.Version.V03_00 : KpmCodec.Version.V02_03;
        decided = true;
        basis = "RAN function definition decodes identically as v03.00 and v02.03; the first indication header decodes only as "
                + version.label + " (TimeStamp of " + (v3 != null ? 8 : 4) + " octets): " + version.label;
        return v3 != null ? v3 : v2;
    }

    @Override
    public List<RicIndication> indicationFromNode(RicIndication indication) throws E2smException {
        Map<Integer, Part> parts = state(indication.getRicRequestId());
        Part part = parts.get(indication.getRicActionId());
        if (part == null) {
            throw new E2smException("E2SM-KPM: indication for KPM action " + indication.getRicActionId() + " that this subscription does not have");
        }
        IndicationHeader h = decodeHeader(indication.getRicIndicationHeader().toByteArray());
        IndicationMessage m;
        try {
            m = KpmCodec.decodeMessage(indication.getRicIndicationMessage().toByteArray());
        } catch (AperException e) {
            throw KpmFamily.decodeFailure("indication message", e);
        }
        int[] skipped = {0};
        KpmIndicationMessage.Builder out = KpmIndicationMessage.newBuilder();
        long gp = part.granularityMs();
        if (m.f1() != null && !part.ues()) {
            if (m.f1().granulPeriodMs() != null) gp = m.f1().granulPeriodMs();
            out.addCells(cell(m.f1(), part, skipped));
        } else if (m.f3() != null && part.ues()) {
            RecordItem[] vals = new RecordItem[KpmNames.UE_SLOTS];
            int[] slots = null;
            List<MeasInfoItem> slotsOf = null;
            for (UeReport r : m.f3().reports()) {
                if (r.ue().alt() != 0) {
                    skipped[0]++;
                    lastSkip = "UE identified by UEID alternative " + r.ue().alt() + " (jRIC maps gNB-UEID)";
                    continue;
                }
                if (r.report().granulPeriodMs() != null) gp = r.report().granulPeriodMs();
                GnbUeid g = r.ue().gnb();
                long ueId = g.ranUeId() != null ? g.ranUeId().asReadOnlyByteBuffer().getLong() : g.amfUeNgapId();
                List<MeasInfoItem> info = r.report().measInfo();
                if (info == null) {
                    slots = part.actionSlots();
                    slotsOf = null;
                } else if (info != slotsOf) {
                    slots = slots(info, true);
                    slotsOf = info;
                }
                Arrays.fill(vals, null);
                values(r.report(), part, slots, vals, skipped);
                UeMeasurement ue = KpmNames.ue(ueId, vals);
                if (!ue.hasServingCell()) {
                    if (cells.size() == 1) {
                        ue = ue.toBuilder().setServingCell(cells.get(0)).build();
                    } else if (cells.isEmpty() && nodeCell != null) {
                        ue = ue.toBuilder().setServingCell(nodeCell).build();
                    } else {
                        // not guessed: a UE record without its serving cell cannot go into the grid
                        skipped[0]++;
                        lastSkip = "serving cell of UE " + ueId + " is unknown (no jRIC.ServingCell measurement; the node lists "
                                + cells.size() + " cells)";
                        continue;
                    }
                }
                out.addUes(ue);
            }
        } else {
            skipped[0]++;
            lastSkip = "indication message format " + m.format() + " for a KPM action of kind " + (part.ues() ? "UE" : "cell");
        }
        skippedValues += skipped[0];
        if (out.getCellsCount() == 0 && out.getUesCount() == 0) {
            return List.of();
        }
        return List.of(indication.toBuilder().setRicActionId(part.jricActionId())
                .setRicIndicationHeader(KpmFamily.header(h, gp).toByteString())
                .setRicIndicationMessage(out.build().toByteString()).build());
    }

    /**
     * For each value position of a measInfoList (one per label of each item), the slot jRIC maps it to:
     * -1 for a name jRIC does not map, -2 for a value under a label other than noLabel or a measurement id.
     */
    private static int[] slots(List<MeasInfoItem> info, boolean ue) {
        if (info == null) return null;
        int n = 0;
        for (MeasInfoItem mi : info) n += mi.labels().size();
        int[] out = new int[n];
        int i = 0;
        for (MeasInfoItem mi : info) {
            String name = mi.type().name();
            int slot = ue ? KpmNames.ueSlot(name) : KpmNames.cellSlot(name);
            for (MeasLabel l : mi.labels()) {
                out[i++] = name == null || !plain(l) ? -2 : slot;
            }
        }
        return out;
    }

    private static boolean plain(MeasLabel l) {
        if (l.v().get(0) != null) return true;
        if (l.slice() != null) return false;
        for (Long x : l.v()) {
            if (x != null) return false;
        }
        return true;
    }

    /**
     * Puts the values of the last measurement data item into their slots; the rest is skipped and counted.
     * Without measInfoList (E2SM-KPM makes it optional) the values follow the action definition's
     * measurement list, and noValue there only says that the measurement has no value this time.
     */
    private void values(MessageFormat1 f, Part part, int[] slots, RecordItem[] vals, int[] skipped) {
        if (f.data().isEmpty()) {
            skipped[0]++;
            lastSkip = "measurement data without a record";
            return;
        }
        boolean byAction = f.measInfo() == null;
        List<RecordItem> rec = f.data().get(f.data().size() - 1).record();
        if (byAction && rec.size() != slots.length) {
            skipped[0] += Math.max(1, rec.size() - slots.length);
            lastSkip = "measurement record of " + rec.size() + " values without measInfoList, the action definition lists "
                    + slots.length + " measurements";
        }
        for (int i = 0; i < slots.length; i++) {
            if (i >= rec.size()) {
                if (!byAction) {
                    skipped[0]++;
                    lastSkip = "measurement record shorter than measInfoList";
                }
                return;
            }
            RecordItem v = rec.get(i);
            int slot = slots[i];
            if (byAction && v.kind() == 2) {
                continue;
            }
            if (slot == -2 || v.kind() > 1) {
                skipped[0]++;
                lastSkip = "value with a label, a measurement id or no value (" + measType(f, part, i) + ")";
            } else if (slot < 0) {
                skipped[0]++;
                lastSkip = "measurement " + measType(f, part, i).name() + " jRIC does not map";
            } else {
                vals[slot] = v;
            }
        }
    }

    private static MeasType measType(MessageFormat1 f, Part part, int index) {
        if (f.measInfo() == null) return new MeasType(part.names().get(index), null);
        int i = 0;
        for (MeasInfoItem mi : f.measInfo()) {
            i += mi.labels().size();
            if (index < i) return mi.type();
        }
        return null;
    }

    private CellMeasurement cell(MessageFormat1 f, Part part, int[] skipped) {
        CellMeasurement.Builder c = CellMeasurement.newBuilder();
        long[] plmnNci = {-1, -1};
        RecordItem[] vals = new RecordItem[KpmNames.CELL_SLOTS];
        values(f, part, f.measInfo() == null ? part.actionSlots() : slots(f.measInfo(), false), vals, skipped);
        KpmNames.setCell(c, vals, plmnNci);
        if (part.cell() != null) {
            c.setCell(part.cell());
        } else if (plmnNci[0] >= 0 && plmnNci[1] >= 0) {
            c.setCell(NrCgi.newBuilder().setPlmnIdentity(KpmNames.plmnBytes(plmnNci[0])).setNrCellIdentity(plmnNci[1]));
        } else if (cells.size() == 1) {
            c.setCell(cells.get(0));
        } else if (cells.isEmpty() && nodeCell != null) {
            c.setCell(nodeCell);
        } else {
            // not guessed: a record without its cell cannot go into the grid
            skipped[0]++;
            lastSkip = "cell of a node-level KPM report is unknown (the node lists " + cells.size() + " cells)";
            return null;
        }
        return c.build();
    }

    interface Parse<T> {
        T get() throws InvalidProtocolBufferException;
    }

    static <T> T parse(Parse<T> p, String what) throws E2smException {
        try {
            return p.get();
        } catch (InvalidProtocolBufferException e) {
            throw new E2smException("E2SM-KPM: jRIC's " + what + " is not a valid protobuf message: " + e.getMessage());
        }
    }

    interface Enc {
        byte[] get();
    }

    static byte[] encode(Enc e) throws E2smException {
        try {
            return e.get();
        } catch (AperException x) {
            throw new E2smException("E2SM-KPM: cannot encode: " + x.getMessage(), -1, x);
        }
    }
}
