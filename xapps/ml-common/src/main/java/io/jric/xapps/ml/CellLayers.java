package io.jric.xapps.ml;

import io.jric.api.xapp.JsonDoc;
import java.util.Optional;

/**
 * Which carrier (layer) a cell is on, from the operator's numbering of cells in the xApp's config: the cell's local number
 * is its NR cell identity modulo {@code 2^localCellIdBits} (the cells of one gNB), and its layer is that number divided by
 * {@code cellsPerLayer} (the gNB numbers its cells carrier by carrier, {@code cellsPerLayer} sectors each). The
 * simulator numbers its cells this way; a deployment whose gNBs do so sets the two values. Cell ids are
 * {@code <PLMN hex>:<NCI hex>}; one that does not parse has no layer (-1).
 *
 * @param cellsPerLayer   sectors per site (cells of one carrier on one gNB), at least 1
 * @param localCellIdBits bits of the NCI that number the cells of a gNB, 1..14
 */
public record CellLayers(int cellsPerLayer, int localCellIdBits) {
    public CellLayers {
        if (cellsPerLayer < 1) throw new IllegalArgumentException("cellsPerLayer: " + cellsPerLayer + " (expected >= 1)");
        if (localCellIdBits < 1 || localCellIdBits > 14) {
            throw new IllegalArgumentException("localCellIdBits: " + localCellIdBits + " (expected 1..14)");
        }
        if (cellsPerLayer > (1 << localCellIdBits)) {
            throw new IllegalArgumentException("cellsPerLayer: " + cellsPerLayer + " (does not fit " + localCellIdBits + " bits)");
        }
    }

    /** The numbering the config sets ({@code cellsPerLayer}, {@code localCellIdBits} default 14), empty when it sets none. */
    public static Optional<CellLayers> fromConfig(JsonDoc config) {
        Optional<Double> perLayer = config.number("cellsPerLayer");
        if (perLayer.isEmpty()) return Optional.empty();
        return Optional.of(new CellLayers(perLayer.get().intValue(), (int) config.number("localCellIdBits", 14)));
    }

    /** The local number of a cell id {@code <plmn hex>:<NCI hex>} ({@code NCI mod 2^bits}), -1 when it does not parse. */
    public static int localCellId(String cellId, int localCellIdBits) {
        int colon = cellId.indexOf(':');
        try {
            long nci = Long.parseUnsignedLong(cellId.substring(colon + 1), 16);
            return (int) (nci & ((1L << localCellIdBits) - 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The cell's layer (0, 1, ...), -1 when its id does not parse. */
    public int layer(String cellId) {
        int local = localCellId(cellId, localCellIdBits);
        return local < 0 ? -1 : local / cellsPerLayer;
    }
}
