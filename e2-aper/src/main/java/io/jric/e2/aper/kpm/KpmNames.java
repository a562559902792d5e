package io.jric.e2.aper.kpm;

import com.google.protobuf.ByteString;
import io.jric.e2.aper.kpm.Kpm.RecordItem;
import io.jric.e2.aper.sm.E2smException;
import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import io.jric.proto.e2sm.kpm.v1.NeighbourMeasurement;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import io.jric.proto.e2sm.kpm.v1.UeMeasurement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measurement names between real E2SM-KPM and jRIC's typed KPM model. 3GPP TS 28.552 names where one
 * exists (in its unit: throughput in kbit/s, energy in kWh), a {@code jRIC.} prefix for the rest.
 * Float fields travel as REAL holding the float's value (after the unit factor), integer fields as
 * INTEGER; both decode from either. Cell and neighbour identities that KPM has no place for travel
 * as jRIC. measurements (PLMN as a 24-bit INTEGER, NR cell identity as REAL: exact up to 2^53).
 */
public final class KpmNames {
    private KpmNames() {
    }

    /** Cell-level names (report style 1, indication format 1), in the order jRIC requests them. */
    public static final List<String> CELL = List.of("RRU.PrbTotDl", "RRU.PrbTotUl", "DRB.UEThpDl", "DRB.UEThpUl",
            "DRB.MeanActiveUeDl", "jRIC.TxPowerDbm", "PEE.Energy", "jRIC.AvgCqi", "jRIC.AvgSinrDb", "jRIC.RlfCount",
            "MM.HoExeInterReq", "MM.HoExeInterSucc", "jRIC.Sleeping", "jRIC.CioDb", "jRIC.Cell.Plmn", "jRIC.Cell.Nci",
            "RRC.ConnMean", "RRC.ConnMax", "jRIC.CellOperationalState");

    public static final int MAX_NEIGHBOURS = 16;

    /** Per-UE names (report style 4, indication format 3). Neighbour i: jRIC.Nbr{i}.Plmn / .Nci / .Rsrp / .Rsrq / .Sinr. */
    public static final List<String> UE;

    static {
        List<String> ue = new ArrayList<>(List.of("jRIC.ServingCell.Plmn", "jRIC.ServingCell.Nci", "L1M.SS-RSRP", "L1M.SS-RSRQ",
                "L1M.RS-SINR", "jRIC.Cqi", "DRB.UEThpDl", "DRB.UEThpUl", "RRU.PrbUsedDl"));
        for (int i = 0; i < MAX_NEIGHBOURS; i++) {
            for (String s : NBR_FIELDS()) ue.add("jRIC.Nbr" + i + "." + s);
        }
        UE = List.copyOf(ue);
    }

    /** Name -> index in {@link #CELL} / {@link #UE}: the slot a value of that name fills on the RIC side. */
    private static final Map<String, Integer> CELL_SLOT = slots(CELL);
    private static final Map<String, Integer> UE_SLOT = slots(UE);
    /** Slots of UE values: serving cell, the UE's own fields, then 5 per neighbour. */
    static final int UE_SLOTS = 9 + 5 * MAX_NEIGHBOURS;
    static final int CELL_SLOTS = 19;

    private static Map<String, Integer> slots(List<String> names) {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) m.put(names.get(i), i);
        return Map.copyOf(m);
    }

    /** The cell slot of a name (its index in {@link #CELL}), -1 when jRIC does not map it. */
    static int cellSlot(String name) {
        Integer i = name == null ? null : CELL_SLOT.get(name);
        return i == null ? -1 : i;
    }

    /** The UE slot of a name (its index in {@link #UE}), -1 when jRIC does not map it. */
    static int ueSlot(String name) {
        Integer i = name == null ? null : UE_SLOT.get(name);
        return i == null ? -1 : i;
    }

    /** Sets the fields of a cell from its slot values (null: absent); plmnNci receives jRIC.Cell.Plmn / .Nci (else stays -1). */
    static void setCell(CellMeasurement.Builder c, RecordItem[] v, long[] plmnNci) {
        if (v[0] != null) c.setPrbUsedDlPct(toFloat(v[0], 1));
        if (v[1] != null) c.setPrbUsedUlPct(toFloat(v[1], 1));
        if (v[2] != null) c.setThroughputDlMbps(toFloat(v[2], 1000));
        if (v[3] != null) c.setThroughputUlMbps(toFloat(v[3], 1000));
        if (v[4] != null) c.setActiveUes((int) toLong(v[4]));
        if (v[5] != null) c.setTxPowerDbm(toFloat(v[5], 1));
        if (v[6] != null) c.setEnergyWh(toFloat(v[6], 0.001));
        if (v[7] != null) c.setAvgCqi(toFloat(v[7], 1));
        if (v[8] != null) c.setAvgSinrDb(toFloat(v[8], 1));
        if (v[9] != null) c.setRlfCount((int) toLong(v[9]));
        if (v[10] != null) c.setHoAttempts((int) toLong(v[10]));
        if (v[11] != null) c.setHoSuccesses((int) toLong(v[11]));
        if (v[12] != null) c.setSleeping(toLong(v[12]) != 0);
        if (v[13] != null) c.setCioDb(toFloat(v[13], 1));
        if (v[14] != null) plmnNci[0] = toLong(v[14]);
        if (v[15] != null) plmnNci[1] = toLong(v[15]);
        if (v[16] != null) c.setRrcConnMean((int) Math.max(0, toLong(v[16])));
        if (v[17] != null) c.setRrcConnMax((int) Math.max(0, toLong(v[17])));
        if (v[18] != null) c.setOperationalStateValue(toLong(v[18]) == 2 ? 2 : toLong(v[18]) == 1 ? 1 : 0);
    }

    /** Builds a UE from its slot values (null: absent), see {@link #UE} for the slots. */
    static UeMeasurement ue(long ueId, RecordItem[] v) {
        UeMeasurement.Builder u = UeMeasurement.newBuilder().setUeId(ueId);
        if (v[2] != null) u.setRsrpDbm(toFloat(v[2], 1));
        if (v[3] != null) u.setRsrqDb(toFloat(v[3], 1));
        if (v[4] != null) u.setSinrDb(toFloat(v[4], 1));
        if (v[5] != null) u.setCqi((int) toLong(v[5]));
        if (v[6] != null) u.setThroughputDlMbps(toFloat(v[6], 1000));
        if (v[7] != null) u.setThroughputUlMbps(toFloat(v[7], 1000));
        if (v[8] != null) u.setPrbUsedDl(toFloat(v[8], 1));
        if (v[0] != null && v[1] != null) {
            u.setServingCell(NrCgi.newBuilder().setPlmnIdentity(plmnBytes(toLong(v[0]))).setNrCellIdentity(toLong(v[1])));
        }
        for (int i = 0; i < MAX_NEIGHBOURS; i++) {
            int b = 9 + 5 * i;
            if (v[b] == null && v[b + 1] == null && v[b + 2] == null && v[b + 3] == null && v[b + 4] == null) continue;
            NeighbourMeasurement.Builder nb = NeighbourMeasurement.newBuilder();
            long plmn = v[b] != null ? toLong(v[b]) : -1;
            long nci = v[b + 1] != null ? toLong(v[b + 1]) : -1;
            if (plmn >= 0 && nci >= 0) nb.setCell(NrCgi.newBuilder().setPlmnIdentity(plmnBytes(plmn)).setNrCellIdentity(nci));
            if (v[b + 2] != null) nb.setRsrpDbm(toFloat(v[b + 2], 1));
            if (v[b + 3] != null) nb.setRsrqDb(toFloat(v[b + 3], 1));
            if (v[b + 4] != null) nb.setSinrDb(toFloat(v[b + 4], 1));
            u.addNeighbours(nb);
        }
        return u.build();
    }

    private static List<String> NBR_FIELDS() {
        return List.of("Plmn", "Nci", "Rsrp", "Rsrq", "Sinr");
    }

    static RecordItem real(float f, double factor) {
        return RecordItem.ofReal(factor == 1 ? (double) f : (double) f * factor);
    }

    static float toFloat(RecordItem r, double factor) {
        double d = r.kind() == 0 ? r.integer() : r.real();
        return factor == 1 ? (float) d : (float) (d / factor);
    }

    static long toLong(RecordItem r) {
        return r.kind() == 0 ? r.integer() : (long) r.real();
    }

    static long plmnInt(ByteString plmn) throws E2smException {
        if (plmn.size() != 3) throw new E2smException("E2SM-KPM: a PLMN identity has 3 octets, not " + plmn.size());
        return ((plmn.byteAt(0) & 0xffL) << 16) | ((plmn.byteAt(1) & 0xff) << 8) | (plmn.byteAt(2) & 0xff);
    }

    static ByteString plmnBytes(long v) {
        return ByteString.copyFrom(new byte[] {(byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    /** The value jRIC's cell measurement has for a name, or null when the name is not jRIC's. */
    static RecordItem cellValue(CellMeasurement c, String name) throws E2smException {
        return switch (name) {
            case "RRU.PrbTotDl" -> real(c.getPrbUsedDlPct(), 1);
            case "RRU.PrbTotUl" -> real(c.getPrbUsedUlPct(), 1);
            case "DRB.UEThpDl" -> real(c.getThroughputDlMbps(), 1000);
            case "DRB.UEThpUl" -> real(c.getThroughputUlMbps(), 1000);
            case "DRB.MeanActiveUeDl" -> RecordItem.ofInt(c.getActiveUes());
            case "jRIC.TxPowerDbm" -> real(c.getTxPowerDbm(), 1);
            case "PEE.Energy" -> real(c.getEnergyWh(), 0.001);
            case "jRIC.AvgCqi" -> real(c.getAvgCqi(), 1);
            case "jRIC.AvgSinrDb" -> real(c.getAvgSinrDb(), 1);
            case "jRIC.RlfCount" -> RecordItem.ofInt(c.getRlfCount());
            case "MM.HoExeInterReq" -> RecordItem.ofInt(c.getHoAttempts());
            case "MM.HoExeInterSucc" -> RecordItem.ofInt(c.getHoSuccesses());
            case "jRIC.Sleeping" -> RecordItem.ofInt(c.getSleeping() ? 1 : 0);
            case "jRIC.CioDb" -> real(c.getCioDb(), 1);
            case "jRIC.Cell.Plmn" -> c.hasCell() ? RecordItem.ofInt(plmnInt(c.getCell().getPlmnIdentity())) : RecordItem.NO_VALUE;
            case "jRIC.Cell.Nci" -> c.hasCell() ? RecordItem.ofReal(c.getCell().getNrCellIdentity()) : RecordItem.NO_VALUE;
            case "RRC.ConnMean" -> c.hasRrcConnMean() ? RecordItem.ofInt(c.getRrcConnMean() & 0xffffffffL) : RecordItem.NO_VALUE;
            case "RRC.ConnMax" -> c.hasRrcConnMax() ? RecordItem.ofInt(c.getRrcConnMax() & 0xffffffffL) : RecordItem.NO_VALUE;
            // no 3GPP/O-RAN KPM measurement carries a cell's operational state: 1 enabled, 2 disabled (as the proto enum)
            case "jRIC.CellOperationalState" -> c.getOperationalStateValue() == 1 || c.getOperationalStateValue() == 2
                    ? RecordItem.ofInt(c.getOperationalStateValue()) : RecordItem.NO_VALUE;
            default -> null;
        };
    }

    /** The named values of one UE (only those jRIC's UE has: the neighbours it has, the serving cell when set). */
    static Map<String, RecordItem> ueValues(UeMeasurement u) throws E2smException {
        Map<String, RecordItem> m = new LinkedHashMap<>();
        if (u.hasServingCell()) {
            m.put("jRIC.ServingCell.Plmn", RecordItem.ofInt(plmnInt(u.getServingCell().getPlmnIdentity())));
            m.put("jRIC.ServingCell.Nci", RecordItem.ofReal(u.getServingCell().getNrCellIdentity()));
        }
        m.put("L1M.SS-RSRP", real(u.getRsrpDbm(), 1));
        m.put("L1M.SS-RSRQ", real(u.getRsrqDb(), 1));
        m.put("L1M.RS-SINR", real(u.getSinrDb(), 1));
        m.put("jRIC.Cqi", RecordItem.ofInt(u.getCqi()));
        m.put("DRB.UEThpDl", real(u.getThroughputDlMbps(), 1000));
        m.put("DRB.UEThpUl", real(u.getThroughputUlMbps(), 1000));
        m.put("RRU.PrbUsedDl", real(u.getPrbUsedDl(), 1));
        if (u.getNeighboursCount() > MAX_NEIGHBOURS) {
            throw new E2smException("E2SM-KPM: UE " + u.getUeId() + " has " + u.getNeighboursCount() + " neighbours, jRIC's KPM mapping carries " + MAX_NEIGHBOURS);
        }
        for (int i = 0; i < u.getNeighboursCount(); i++) {
            NeighbourMeasurement n = u.getNeighbours(i);
            String p = "jRIC.Nbr" + i + ".";
            if (n.hasCell()) {
                m.put(p + "Plmn", RecordItem.ofInt(plmnInt(n.getCell().getPlmnIdentity())));
                m.put(p + "Nci", RecordItem.ofReal(n.getCell().getNrCellIdentity()));
            }
            m.put(p + "Rsrp", real(n.getRsrpDbm(), 1));
            m.put(p + "Rsrq", real(n.getRsrqDb(), 1));
            m.put(p + "Sinr", real(n.getSinrDb(), 1));
        }
        return m;
    }
}
