import java.security.MessageDigest;
import java.util.HexFormat;

/** Compares the old model (HEAD, package io.jric.simold) with the new one on the default configuration. */
public class DefaultPathCheck {
    public static void main(String[] a) throws Exception {
        int ticks = Integer.parseInt(a.length > 0 ? a[0] : "600");
        boolean allSame = true;
        for (long seed : new long[] {1, 101}) {
            MessageDigest hOld = MessageDigest.getInstance("SHA-256");
            MessageDigest hNew = MessageDigest.getInstance("SHA-256");
            io.jric.simold.RanModel o = new io.jric.simold.RanModel(io.jric.simold.SimConfig.builder().seed(seed).build());
            io.jric.sim.RanModel n = new io.jric.sim.RanModel(io.jric.sim.SimConfig.builder().seed(seed).build());
            io.jric.simold.PeriodCursor co = o.newCursor();
            io.jric.sim.PeriodCursor cn = n.newCursor();
            for (int t = 1; t <= ticks; t++) {
                o.step();
                n.step();
                if (t % 10 == 0) {
                    hOld.update(o.indication(co, o.cellIds(), true).toByteArray());
                    hNew.update(n.indication(cn, n.cellIds(), true).toByteArray());
                    hOld.update(o.ues().toString().getBytes());
                    hNew.update(n.ues().toString().getBytes());
                    hOld.update(o.cells().toString().getBytes());
                    hNew.update(n.cells().toString().getBytes());
                }
            }
            String so = o.stats().toString(), sn = n.stats().toString();
            String ho = HexFormat.of().formatHex(hOld.digest()), hn = HexFormat.of().formatHex(hNew.digest());
            boolean same = so.equals(sn) && ho.equals(hn);
            allSame &= same;
            System.out.println("seed " + seed + " old " + so + "\n        new " + sn
                    + "\n  measurements sha-256 old " + ho + "\n                      new " + hn + "\n  -> " + (same ? "IDENTICAL" : "DIFFERENT"));
        }
        System.exit(allSame ? 0 : 1);
    }
}
