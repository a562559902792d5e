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
            "MM.HoExeInterReq", "MM.HoExeInterSucc", "jRIC.Sleeping", "jRIC.CioDb", "jRIC.Cell.Plmn", "jRIC.Cell.Nci");

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
            default -> null;
        };
    }

    /** Sets the field of a name; false when the name (or the value's kind) is not jRIC's. */
    static boolean setCell(CellMeasurement.Builder c, String name, RecordItem v, long[] plmnNci) {
        if (v.kind() > 1) return false;
        switch (name) {
            case "RRU.PrbTotDl" -> c.setPrbUsedDlPct(toFloat(v, 1));
            case "RRU.PrbTotUl" -> c.setPrbUsedUlPct(toFloat(v, 1));
            case "DRB.UEThpDl" -> c.setThroughputDlMbps(toFloat(v, 1000));
            case "DRB.UEThpUl" -> c.setThroughputUlMbps(toFloat(v, 1000));
            case "DRB.MeanActiveUeDl" -> c.setActiveUes((int) toLong(v));
            case "jRIC.TxPowerDbm" -> c.setTxPowerDbm(toFloat(v, 1));
            case "PEE.Energy" -> c.setEnergyWh(toFloat(v, 0.001));
            case "jRIC.AvgCqi" -> c.setAvgCqi(toFloat(v, 1));
            case "jRIC.AvgSinrDb" -> c.setAvgSinrDb(toFloat(v, 1));
            case "jRIC.RlfCount" -> c.setRlfCount((int) toLong(v));
            case "MM.HoExeInterReq" -> c.setHoAttempts((int) toLong(v));
            case "MM.HoExeInterSucc" -> c.setHoSuccesses((int) toLong(v));
            case "jRIC.Sleeping" -> c.setSleeping(toLong(v) != 0);
            case "jRIC.CioDb" -> c.setCioDb(toFloat(v, 1));
            case "jRIC.Cell.Plmn" -> plmnNci[0] = toLong(v);
            case "jRIC.Cell.Nci" -> plmnNci[1] = toLong(v);
            default -> {
                return false;
            }
        }
        return true;
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

    /** Builds a UE from named values; names jRIC does not map are counted in skipped[0]. */
    static UeMeasurement ue(long ueId, Map<String, RecordItem> values, int[] skipped) {
        UeMeasurement.Builder u = UeMeasurement.newBuilder().setUeId(ueId);
        Long sPlmn = null;
        Long sNci = null;
        Map<Integer, NeighbourMeasurement.Builder> nbrs = new java.util.TreeMap<>();
        Map<Integer, long[]> nbrCells = new java.util.HashMap<>();
        for (Map.Entry<String, RecordItem> e : values.entrySet()) {
            RecordItem v = e.getValue();
            String n = e.getKey();
            if (v.kind() > 1) {
                skipped[0]++;
                continue;
            }
            switch (n) {
                case "jRIC.ServingCell.Plmn" -> sPlmn = toLong(v);
                case "jRIC.ServingCell.Nci" -> sNci = toLong(v);
                case "L1M.SS-RSRP" -> u.setRsrpDbm(toFloat(v, 1));
                case "L1M.SS-RSRQ" -> u.setRsrqDb(toFloat(v, 1));
                case "L1M.RS-SINR" -> u.setSinrDb(toFloat(v, 1));
                case "jRIC.Cqi" -> u.setCqi((int) toLong(v));
                case "DRB.UEThpDl" -> u.setThroughputDlMbps(toFloat(v, 1000));
                case "DRB.UEThpUl" -> u.setThroughputUlMbps(toFloat(v, 1000));
                case "RRU.PrbUsedDl" -> u.setPrbUsedDl(toFloat(v, 1));
                default -> {
                    int idx = nbrIndex(n);
                    if (idx < 0) {
                        skipped[0]++;
                        continue;
                    }
                    NeighbourMeasurement.Builder nb = nbrs.computeIfAbsent(idx, k -> NeighbourMeasurement.newBuilder());
                    long[] cell = nbrCells.computeIfAbsent(idx, k -> new long[] {-1, -1});
                    switch (n.substring(n.indexOf('.', 5) + 1)) {
                        case "Plmn" -> cell[0] = toLong(v);
                        case "Nci" -> cell[1] = toLong(v);
                        case "Rsrp" -> nb.setRsrpDbm(toFloat(v, 1));
                        case "Rsrq" -> nb.setRsrqDb(toFloat(v, 1));
                        case "Sinr" -> nb.setSinrDb(toFloat(v, 1));
                        default -> skipped[0]++;
                    }
                }
            }
        }
        if (sPlmn != null && sNci != null) {
            u.setServingCell(NrCgi.newBuilder().setPlmnIdentity(plmnBytes(sPlmn)).setNrCellIdentity(sNci));
        }
        for (Map.Entry<Integer, NeighbourMeasurement.Builder> e : nbrs.entrySet()) {
            long[] c = nbrCells.get(e.getKey());
            if (c[0] >= 0 && c[1] >= 0) {
                e.getValue().setCell(NrCgi.newBuilder().setPlmnIdentity(plmnBytes(c[0])).setNrCellIdentity(c[1]));
            }
            u.addNeighbours(e.getValue());
        }
        return u.build();
    }

    private static int nbrIndex(String n) {
        if (!n.startsWith("jRIC.Nbr")) return -1;
        int dot = n.indexOf('.', 8);
        if (dot < 0) return -1;
        try {
            int i = Integer.parseInt(n.substring(8, dot));
            return i >= 0 && i < MAX_NEIGHBOURS ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
