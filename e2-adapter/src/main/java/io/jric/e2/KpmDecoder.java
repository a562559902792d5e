package io.jric.e2;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.KpmRecords;
import io.jric.proto.E2Ids;
import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationHeader;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import io.jric.proto.e2sm.kpm.v1.UeMeasurement;
import com.google.protobuf.ByteString;

/** Decodes an E2SM-KPM indication once into the grid's record types. */
final class KpmDecoder {
    private KpmDecoder() {}

    /** A decode failure whose message names the offending field. */
    static final class KpmDecodeException extends Exception {
        private static final long serialVersionUID = 1L;

        KpmDecodeException(String message) {
            super(message);
        }
    }

    static IngestBatch decode(String nodeId, ByteString header, ByteString message, long receivedAtMs)
            throws KpmDecodeException {
        return decode(nodeId, header, message, receivedAtMs, new CellIds());
    }

    /**
     * Canonical cell ids of the NR CGIs an association saw last, so that a node's cells, which recur in every
     * report (each UE names its serving cell and its neighbours), are not formatted into a new string for every
     * record. Direct-mapped, 64 entries; one association's transport thread only.
     */
    static final class CellIds {
        private static final int SLOTS = 64;
        private final long[] ncis = new long[SLOTS];
        private final int[] plmns = new int[SLOTS];
        private final String[] ids = new String[SLOTS];

        /** The canonical id of a CGI already checked by {@link KpmDecoder#cellId}: 3 PLMN octets, NCI below 2^36. */
        String of(ByteString plmn, long nci) {
            int p = ((plmn.byteAt(0) & 0xff) << 16) | ((plmn.byteAt(1) & 0xff) << 8) | (plmn.byteAt(2) & 0xff);
            int slot = (int) (((nci ^ (nci >>> 14) ^ p) * 0x9E3779B97F4A7C15L) >>> 58);
            String id = ids[slot];
            if (id != null && ncis[slot] == nci && plmns[slot] == p) return id;
            id = E2Ids.cellId(plmn, nci);
            ncis[slot] = nci;
            plmns[slot] = p;
            ids[slot] = id;
            return id;
        }
    }

    /** As {@link #decode(String, ByteString, ByteString, long)}, taking cell ids from an association's cache. */
    static IngestBatch decode(String nodeId, ByteString header, ByteString message, long receivedAtMs, CellIds cellIds)
            throws KpmDecodeException {
        KpmIndicationHeader h;
        KpmIndicationMessage m;
        try {
            h = KpmIndicationHeader.parseFrom(header);
        } catch (InvalidProtocolBufferException e) {
            throw new KpmDecodeException("ricIndicationHeader is not an E2SM-KPM IndicationHeader: " + e.getMessage());
        }
        try {
            m = KpmIndicationMessage.parseFrom(message);
        } catch (InvalidProtocolBufferException e) {
            throw new KpmDecodeException("ricIndicationMessage is not an E2SM-KPM IndicationMessage: " + e.getMessage());
        }
        long ts = h.getCollectionStartTimeMs();
        if (ts == 0) throw new KpmDecodeException("ricIndicationHeader.collectionStartTimeMs: 0 (expected: > 0)");

        IngestBatch b = new IngestBatch(m.getCellsCount(), m.getUesCount(), receivedAtMs);
        for (int i = 0; i < m.getCellsCount(); i++) {
            CellMeasurement c = m.getCells(i);
            String cellId = cellId(c.getCell(), i, -1, cellIds);
            CellKpi kpi = KpmRecords.cell(nodeId, cellId, ts, receivedAtMs, c);
            b.cellKeys[i] = new CellKey(nodeId, cellId);
            b.sampleKeys[i] = new CellSampleKey(nodeId, cellId, ts);
            b.cells[i] = kpi;
        }
        for (int i = 0; i < m.getUesCount(); i++) {
            UeMeasurement u = m.getUes(i);
            String[] nIds = new String[u.getNeighboursCount()];
            for (int j = 0; j < nIds.length; j++) {
                nIds[j] = cellId(u.getNeighbours(j).getCell(), i, j, cellIds);
            }
            b.ueIds[i] = u.getUeId();
            b.ues[i] = KpmRecords.ue(nodeId, cellId(u.getServingCell(), i, -2, cellIds), nIds, ts, u)
                    .receivedAtMs(receivedAtMs);  // ric.kpm.ue.latest expires from it (UeLatestSweep)
        }
        return b;
    }

    /**
     * A cell's canonical id, checked; {@code neighbour} -1 names {@code cells[i].cell}, -2 {@code ues[i].servingCell},
     * {@code n >= 0} {@code ues[i].neighbours[n].cell} (the field's name is built only for the error).
     */
    private static String cellId(NrCgi cgi, int i, int neighbour, CellIds cellIds) throws KpmDecodeException {
        ByteString plmn = cgi.getPlmnIdentity();
        long nci = cgi.getNrCellIdentity();
        if (plmn.size() != 3 || nci >= (1L << 36)) {
            cellId(cgi, neighbour == -1 ? "cells[" + i + "].cell" : neighbour == -2 ? "ues[" + i + "].servingCell"
                    : "ues[" + i + "].neighbours[" + neighbour + "].cell");
        }
        return cellIds.of(plmn, nci);
    }

    private static String cellId(NrCgi cgi, String field) throws KpmDecodeException {
        if (cgi.getPlmnIdentity().size() != 3) {
            throw new KpmDecodeException(field + ".plmnIdentity: " + cgi.getPlmnIdentity().size()
                    + " octets (expected: 3)");
        }
        if (cgi.getNrCellIdentity() >= (1L << 36)) {
            throw new KpmDecodeException(field + ".nrCellIdentity: " + cgi.getNrCellIdentity() + " (expected: < 2^36)");
        }
        return E2Ids.cellId(cgi);
    }
}
