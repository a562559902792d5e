package io.jric.xapps.handover;

import io.jric.sim.RanModel;
import io.jric.sim.UeView;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which handovers make the ping-pongs of a run (issue #16, sixth round; a diagnosis for {@link PolicyProbe}, not an
 * evaluation): follows every UE's serving cell and classifies each cell change by who made it - the RAN within a
 * carrier (A3), the RAN across carriers (A4/A5), an xApp handover (voluntary) or an xApp rescue - then counts the
 * returns to the previous cell within a window by the cause of the leg away and of the leg back. A change from or to
 * "no cell" (a radio link failure and its re-establishment) is no handover and forgets the previous cell, as the
 * simulator's own count does.
 */
final class ReturnBreakdown {
    /** Causes of a cell change. */
    static final int A3 = 0, INTER_FREQUENCY = 1, XAPP = 2, RESCUE = 3;
    static final String[] NAMES = {"A3", "A4/A5", "xApp", "rescue"};

    private final RanModel model;
    private final int windowMs;
    private final String[] serving;
    private final String[] previous;
    private final long[] changedMs;
    private final int[] changeCause;
    /** [cause of the leg away][cause of the leg back]. */
    final long[][] returns = new long[4][4];

    ReturnBreakdown(RanModel model, int ues, int windowMs) {
        this.model = model;
        this.windowMs = windowMs;
        serving = new String[ues];
        previous = new String[ues];
        changedMs = new long[ues];
        changeCause = new int[ues];
    }

    /** Records the changes since the last call: the RAN's (within or across carriers) unless {@code xapp}. */
    void observe(boolean xapp, double rescueBelowSinrDb, double[] lastReportedSinr) {
        List<UeView> views = model.ues();
        long now = model.timeMs();
        for (UeView u : views) {
            int i = (int) u.ueId() - 1;
            String cell = u.servingCellId();
            String was = serving[i];
            if (Objects.equals(cell, was)) continue;
            serving[i] = cell;
            if (cell == null || was == null) {
                previous[i] = null;
                continue;
            }
            int cause;
            if (xapp) {
                cause = lastReportedSinr != null && lastReportedSinr[i] < rescueBelowSinrDb ? RESCUE : XAPP;
            } else {
                cause = Objects.equals(model.carrierOf(cell), model.carrierOf(was)) ? A3 : INTER_FREQUENCY;
            }
            if (cell.equals(previous[i]) && now - changedMs[i] <= windowMs) returns[changeCause[i]][cause]++;
            previous[i] = was;
            changedMs[i] = now;
            changeCause[i] = cause;
        }
    }

    long total() {
        long n = 0;
        for (long[] r : returns) for (long x : r) n += x;
        return n;
    }

    /** "back: A3 n, A4/A5 n, xApp n, rescue n; away: ..." */
    String summary() {
        long[] back = new long[4], away = new long[4];
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                back[b] += returns[a][b];
                away[a] += returns[a][b];
            }
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "returns<=%ds %d  back:", windowMs / 1000, total()));
        for (int c = 0; c < 4; c++) s.append(' ').append(NAMES[c]).append(' ').append(back[c]);
        s.append("  away:");
        for (int c = 0; c < 4; c++) s.append(' ').append(NAMES[c]).append(' ').append(away[c]);
        return s.toString();
    }
}
