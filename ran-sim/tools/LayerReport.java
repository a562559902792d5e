import io.jric.proto.E2Ids;
import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import io.jric.sim.FileTransferStats;
import io.jric.sim.PeriodCursor;
import io.jric.sim.RanModel;
import io.jric.sim.RanStats;
import io.jric.sim.SimConfig;
import io.jric.sim.UeView;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints what a simulator preset does per layer: UEs, PRB use (from the cells' KPM over the measured period),
 * inter-frequency handovers, RLFs and, with FTP model 3, the files. Usage: preset [files/s, 0 = the preset's]
 * [measured seconds] [seed]; 20 s of warm-up are not measured.
 */
public class LayerReport {
    public static void main(String[] a) {
        String preset = a.length > 0 ? a[0] : "two-layer-ftp3";
        double rate = a.length > 1 ? Double.parseDouble(a[1]) : 0;
        int secs = a.length > 2 ? Integer.parseInt(a[2]) : 120;
        long seed = a.length > 3 ? Long.parseLong(a[3]) : 1;
        SimConfig.Builder b = SimConfig.preset(preset).seed(seed);
        SimConfig base = b.build();
        if (rate > 0) b.ftp3(rate, base.ftpFileSizeMbit());
        RanModel m = new RanModel(b.build());
        m.step(200);
        PeriodCursor cursor = m.newCursor();
        RanStats before = m.stats();
        long ifBefore = m.interFrequencyHandovers();
        m.step(secs * 10);
        KpmIndicationMessage ind = m.indication(cursor, m.cellIds(), false);
        Map<String, double[]> layers = new TreeMap<>();  // cells, sum PRB %, max PRB %, UEs now
        for (CellMeasurement c : ind.getCellsList()) {
            String layer = String.valueOf(m.carrierOf(E2Ids.cellId(c.getCell())));
            double[] l = layers.computeIfAbsent(layer, k -> new double[4]);
            l[0]++;
            l[1] += c.getPrbUsedDlPct();
            l[2] = Math.max(l[2], c.getPrbUsedDlPct());
        }
        for (UeView u : m.ues()) {
            if (u.servingCellId() != null) layers.get(String.valueOf(m.carrierOf(u.servingCellId())))[3]++;
        }
        RanStats s = m.stats();
        System.out.printf("%s seed %d, %s, %d s measured after 20 s%n", preset, seed,
                m.config().ftp3() ? "FTP3 " + m.config().ftpFileArrivalsPerS() + " files/s x " + m.config().ftpFileSizeMbit() + " Mbit per UE"
                        : "on/off traffic " + m.config().trafficMeanMbps() + " Mbit/s", secs);
        for (var e : layers.entrySet()) {
            double[] l = e.getValue();
            System.out.printf("  layer %-4s cells %2.0f  UEs now %3.0f  mean PRB use %5.1f %%  busiest cell %5.1f %%%n",
                    e.getKey(), l[0], l[3], l[1] / l[0], l[2]);
        }
        System.out.printf("  handovers %d (inter-frequency %d), RLFs %d, per-tick UE throughput mean %.2f p5 %.3f Mbit/s%n",
                s.handoverSuccesses() - before.handoverSuccesses(), m.interFrequencyHandovers() - ifBefore,
                s.radioLinkFailures() - before.radioLinkFailures(), s.meanUeThroughputMbps(), s.p5UeThroughputMbps());
        FileTransferStats f = m.fileTransfers();
        if (m.config().ftp3()) {
            System.out.printf("  files arrived %d completed %d, queued now %.0f Mbit, transfer time mean %.0f ms, "
                            + "file throughput mean %.1f p50 %.1f p5 %.2f Mbit/s (since t=0)%n",
                    f.filesArrived(), f.filesCompleted(), f.queuedMbit(), f.meanTransferMs(), f.meanFileThroughputMbps(),
                    f.p50FileThroughputMbps(), f.p5FileThroughputMbps());
        }
    }
}
