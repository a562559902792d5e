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
            String cellId = cellId(c.getCell(), "cells[" + i + "].cell");
            CellKpi kpi = KpmRecords.cell(nodeId, cellId, ts, receivedAtMs, c);
            b.cellKeys[i] = new CellKey(nodeId, cellId);
            b.sampleKeys[i] = new CellSampleKey(nodeId, cellId, ts);
            b.cells[i] = kpi;
        }
        for (int i = 0; i < m.getUesCount(); i++) {
            UeMeasurement u = m.getUes(i);
            String[] nIds = new String[u.getNeighboursCount()];
            for (int j = 0; j < nIds.length; j++) {
                nIds[j] = cellId(u.getNeighbours(j).getCell(), "ues[" + i + "].neighbours[" + j + "].cell");
            }
            b.ueIds[i] = u.getUeId();
            b.ues[i] = KpmRecords.ue(nodeId, cellId(u.getServingCell(), "ues[" + i + "].servingCell"), nIds, ts, u);
        }
        return b;
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
