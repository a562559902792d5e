package io.jric.sim;

import java.util.Objects;

/**
 * One carrier (frequency layer) every site radiates on when {@link SimConfig#carriers()} lists several: each
 * sector gets one cell per carrier, on the same site and azimuth.
 *
 * <p>Propagation: the path loss of TR 36.814 (defined at 2 GHz) plus {@code 20 log10(f / 2 GHz)}, the
 * frequency term of TR 38.901's UMa NLOS model, so a 700 MHz layer loses about 9 dB less and a 3.5 GHz layer
 * about 5 dB more than the single-carrier default. RSRP is the power of one resource element of the
 * carrier's numerology ({@code Ptx - 10 log10(12 * prbs)}); thermal noise is counted per resource element
 * of {@code scsKhz}; a PRB carries {@code 12 * scsKhz} of spectrum. Cells interfere only with cells on the
 * same carrier.
 *
 * <p>Mobility: intra-frequency A3 as on a single carrier; towards the other carriers every cell of this
 * carrier configures an inter-frequency event for its UEs (TS 38.331 A5: serving RSRP + hysteresis below
 * {@code interFreqThreshold1Dbm} and neighbour RSRP + frequency offset + CIO - hysteresis above
 * {@code interFreqThreshold2Dbm}; with threshold 1 at positive infinity it is A4).
 *
 * @param name                   short name, e.g. {@code "n28"}
 * @param frequencyMhz           centre frequency (MHz), 400..7125 (FR1)
 * @param bandwidthMhz           channel bandwidth (informational; capacity follows {@code prbs} and {@code scsKhz})
 * @param prbs                   PRBs of the carrier, 1..275
 * @param scsKhz                 subcarrier spacing, 15 or 30 kHz
 * @param txPowerDbm             Tx power every cell of the carrier starts with (within the config's range)
 * @param interFreqThreshold1Dbm A5 threshold 1 on the serving cell's RSRP; positive infinity: A4
 * @param interFreqThreshold2Dbm A5/A4 threshold on the neighbour's RSRP (plus offsets)
 */
public record Carrier(String name, double frequencyMhz, double bandwidthMhz, int prbs, int scsKhz, double txPowerDbm,
                      double interFreqThreshold1Dbm, double interFreqThreshold2Dbm) {

    /** Validates every field; throws {@link IllegalArgumentException} naming the bad one. */
    public Carrier {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("carrier name: blank");
        check("frequencyMhz", frequencyMhz, 400, 7125);
        check("bandwidthMhz", bandwidthMhz, 1, 400);
        if (prbs < 1 || prbs > 275) throw new IllegalArgumentException("prbs: " + prbs + " (expected: 1..275)");
        if (scsKhz != 15 && scsKhz != 30) throw new IllegalArgumentException("scsKhz: " + scsKhz + " (expected: 15 or 30)");
        check("txPowerDbm", txPowerDbm, -10, 60);
        if (!(interFreqThreshold1Dbm == Double.POSITIVE_INFINITY
                || (interFreqThreshold1Dbm >= -156 && interFreqThreshold1Dbm <= -31))) {
            throw new IllegalArgumentException("interFreqThreshold1Dbm: " + interFreqThreshold1Dbm
                    + " (expected: -156..-31 or +Infinity for A4)");
        }
        check("interFreqThreshold2Dbm", interFreqThreshold2Dbm, -156, -31);
    }

    /**
     * A 10 MHz low-band carrier at 700 MHz (band n28, 52 PRBs at 15 kHz, 43 dBm): the coverage layer. Its cells
     * send a UE to another layer on A4, when that layer's RSRP (plus offsets) exceeds -105 dBm.
     */
    public static Carrier lowBand() {
        return new Carrier("n28", 700, 10, 52, 15, 43, Double.POSITIVE_INFINITY, -105);
    }

    /**
     * A 100 MHz mid-band carrier at 3.5 GHz (band n78, 273 PRBs at 30 kHz, 46 dBm): the capacity layer. Its cells
     * send a UE to another layer on A5, when its own RSRP falls below -110 dBm and the other layer's exceeds
     * -110 dBm.
     */
    public static Carrier midBand() {
        return new Carrier("n78", 3500, 100, 273, 30, 46, -110, -110);
    }

    /**
     * The carrier's NR-ARFCN (TS 38.104 5.4.2.1: {@code F / 5 kHz} below 3 GHz, {@code 600000 + (F - 3 GHz) / 15 kHz}
     * above), how a node names the frequency in its measurement configuration.
     */
    public long nrArfcn() {
        return frequencyMhz < 3000 ? Math.round(frequencyMhz * 1000 / 5) : 600_000 + Math.round((frequencyMhz - 3000) * 1000 / 15);
    }

    /** This carrier with other inter-frequency thresholds. */
    public Carrier withInterFreqThresholds(double threshold1Dbm, double threshold2Dbm) {
        return new Carrier(name, frequencyMhz, bandwidthMhz, prbs, scsKhz, txPowerDbm, threshold1Dbm, threshold2Dbm);
    }

    /** Path loss on this carrier relative to the 2 GHz reference of TR 36.814 (dB). */
    double pathLossOffsetDb() {
        return 20 * Math.log10(frequencyMhz / 2000.0);
    }

    /**
     * Outdoor-to-indoor loss through the wall on this carrier (dB), TR 38.901 7.4.3: {@code 5 - 10 log10(sum of
     * p_i 10^(-L_i / 10))} over glass (2 + 0.2 f) and concrete (5 + 4 f) for the low-loss model (30 % / 70 %), IRR
     * glass (23 + 0.3 f) and concrete for the high-loss model (70 % / 30 %), f in GHz.
     */
    double wallLossDb(boolean highLoss) {
        double f = frequencyMhz / 1000.0;
        double glass = 2 + 0.2 * f;
        double irrGlass = 23 + 0.3 * f;
        double concrete = 5 + 4 * f;
        double sum = highLoss
                ? 0.7 * Math.pow(10, -irrGlass / 10) + 0.3 * Math.pow(10, -concrete / 10)
                : 0.3 * Math.pow(10, -glass / 10) + 0.7 * Math.pow(10, -concrete / 10);
        return 5 - 10 * Math.log10(sum);
    }

    private static void check(String field, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(field + ": " + v + " (expected: " + min + ".." + max + ")");
        }
    }
}
