package io.jric.core.internal.xapp;

import io.jric.proto.e2sm.kpm.v1.NrCgi;
import io.jric.proto.e2sm.rc.v1.InterFrequencyControl;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;

/**
 * The inter-frequency controls as E2SM-RC messages (jRIC style 255 action 5, {@code InterFrequencyControl})
 * and the checks made before they go anywhere: values a node could never take are refused with the reason.
 */
final class InterFrequency {
    /** jRIC style 255, action 5: inter-frequency mobility. */
    static final RcControlHeader HEADER = RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(5).build();
    /** Highest NR-ARFCN (TS 38.104). */
    static final long MAX_NR_ARFCN = 3_279_165;

    private InterFrequency() {}

    /** Null when the offset is one a node can take, else why not. */
    static String checkOffset(long nrArfcn, double db) {
        if (nrArfcn < 0 || nrArfcn > MAX_NR_ARFCN) {
            return "inter_frequency_offset: nrArfcn " + nrArfcn + " (expected 0.." + MAX_NR_ARFCN + ")";
        }
        if (!(db >= -24 && db <= 24)) return "inter_frequency_offset: " + db + " dB (expected -24..24, TS 38.331 offsetMO)";
        return null;
    }

    /** Null when the thresholds are ones a node can take, else why not. */
    static String checkThresholds(double threshold1Dbm, double threshold2Dbm) {
        if (!Double.isNaN(threshold1Dbm) && threshold1Dbm != Double.POSITIVE_INFINITY
                && !(threshold1Dbm >= -156 && threshold1Dbm <= -31)) {
            return "inter_frequency_threshold: threshold 1 " + threshold1Dbm
                    + " dBm (expected -156..-31, ControlClient.A4, or NaN to leave it)";
        }
        if (!(threshold2Dbm >= -156 && threshold2Dbm <= -31)) {
            return "inter_frequency_threshold: threshold 2 " + threshold2Dbm + " dBm (expected -156..-31)";
        }
        return null;
    }

    /** The message setting both thresholds (threshold 1 absent when NaN, 0 = "A4" when infinite). */
    static RcControlMessage thresholds(NrCgi cell, double threshold1Dbm, double threshold2Dbm) {
        InterFrequencyControl.Builder b = InterFrequencyControl.newBuilder().setCell(cell).setThreshold2Dbm((float) threshold2Dbm);
        if (!Double.isNaN(threshold1Dbm)) b.setThreshold1Dbm(threshold1Dbm == Double.POSITIVE_INFINITY ? 0f : (float) threshold1Dbm);
        return RcControlMessage.newBuilder().setInterFrequency(b).build();
    }
}
