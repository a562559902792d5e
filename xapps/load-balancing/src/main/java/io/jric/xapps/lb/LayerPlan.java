package io.jric.xapps.lb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's carrier plan, from the xApp's config: which frequency (SSB NR-ARFCN) each layer is on,
 * how a cell's layer and sector follow from its NR cell identity ({@code local = NCI mod 2^localCellIdBits},
 * layer {@code local / cellsPerLayer}, sector {@code local mod cellsPerLayer}; layer 0 is the coverage
 * layer, layer 1 the capacity layer), and the RAN's own inter-frequency thresholds the xApp steers around
 * (the coverage layer's A4 threshold and the capacity layer's A5 thresholds). Absent ({@code layerNrArfcns}
 * not set): one layer, no steering between layers.
 *
 * @param nrArfcns          frequency of each layer (exactly two)
 * @param cellsPerLayer     sectors per site
 * @param localCellIdBits   bits of the NCI that number the cells of a gNB
 * @param a5Threshold1Dbm   the capacity layer's A5 threshold 1 (serving RSRP below it: look at the coverage layer)
 * @param a5Threshold2Dbm   the capacity layer's A5 threshold 2
 */
record LayerPlan(List<Long> nrArfcns, int cellsPerLayer, int localCellIdBits, double a5Threshold1Dbm, double a5Threshold2Dbm) {
    private static final ObjectMapper JSON = new ObjectMapper();

    LayerPlan {
        nrArfcns = List.copyOf(nrArfcns);
        if (nrArfcns.size() != 2) throw new IllegalArgumentException("layerNrArfcns: " + nrArfcns + " (expected two frequencies)");
        if (cellsPerLayer < 1) throw new IllegalArgumentException("cellsPerLayer: " + cellsPerLayer + " (expected >= 1)");
        if (localCellIdBits < 1 || localCellIdBits > 14) {
            throw new IllegalArgumentException("localCellIdBits: " + localCellIdBits + " (expected 1..14)");
        }
        if (2L * cellsPerLayer > (1L << localCellIdBits)) {
            throw new IllegalArgumentException("cellsPerLayer: " + cellsPerLayer + " (two layers do not fit " + localCellIdBits + " bits)");
        }
        for (double t : new double[] {a5Threshold1Dbm, a5Threshold2Dbm}) {
            if (!(t >= -156 && t <= -31)) throw new IllegalArgumentException("A5 threshold " + t + " dBm (expected -156..-31)");
        }
    }

    /** The plan in the config JSON, or null when the config sets no layers. */
    static LayerPlan fromConfig(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json == null ? "{}" : json);
        } catch (IOException e) {
            throw new IllegalArgumentException("config: not JSON: " + e.getMessage(), e);
        }
        JsonNode a = n.get("layerNrArfcns");
        if (a == null || a.isNull()) return null;
        List<Long> arfcns = new ArrayList<>();
        a.forEach(x -> arfcns.add(x.asLong()));
        return new LayerPlan(arfcns, n.path("cellsPerLayer").asInt(3), n.path("localCellIdBits").asInt(14),
                n.path("a5Threshold1Dbm").asDouble(-110), n.path("a5Threshold2Dbm").asDouble(-110));
    }

    /** The local cell number of a cell id {@code <plmn hex>:<NCI hex>}. */
    int local(String cellId) {
        long nci = Long.parseLong(cellId.substring(cellId.indexOf(':') + 1), 16);
        return (int) (nci & ((1L << localCellIdBits) - 1));
    }

    /** The layer of a cell (0 coverage, 1 capacity), -1 beyond the plan. */
    int layer(String cellId) {
        int l = local(cellId) / cellsPerLayer;
        return l < 2 ? l : -1;
    }

    /** The cell's site and sector, the same for the cells of both layers of a sector. */
    String sector(String cellId) {
        long nci = Long.parseLong(cellId.substring(cellId.indexOf(':') + 1), 16);
        return cellId.substring(0, cellId.indexOf(':')) + ":" + Long.toHexString(nci >>> localCellIdBits) + "/"
                + local(cellId) % cellsPerLayer;
    }
}
