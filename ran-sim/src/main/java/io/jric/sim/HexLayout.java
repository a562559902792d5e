package io.jric.sim;

/**
 * Site positions on a hexagonal grid: the centre site first, then ring 1 (6 sites), ring 2 (12 sites)
 * and so on, each ring walked in a fixed order. Neighbouring sites are one inter-site distance apart.
 */
final class HexLayout {
    private static final int[][] DIRECTIONS = {{1, 0}, {1, -1}, {0, -1}, {-1, 0}, {-1, 1}, {0, 1}};

    private HexLayout() {}

    /** Margin of the simulated area around the outermost sites, in inter-site distances. */
    static final double AREA_MARGIN_ISD = 0.6;

    /** The simulated area of {@code n} sites: {minX, minY, maxX, maxY} in metres. */
    static double[] area(int n, double isdM) {
        double margin = AREA_MARGIN_ISD * isdM;
        double[] area = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] s : sites(n, isdM)) {
            area[0] = Math.min(area[0], s[0] - margin);
            area[1] = Math.min(area[1], s[1] - margin);
            area[2] = Math.max(area[2], s[0] + margin);
            area[3] = Math.max(area[3], s[1] + margin);
        }
        return area;
    }

    /** The first {@code n} site positions as {x, y} in metres, the centre site at the origin. */
    static double[][] sites(int n, double isdM) {
        double[][] out = new double[n][];
        int count = 0;
        out[count++] = new double[] {0, 0};
        for (int ring = 1; count < n; ring++) {
            int q = DIRECTIONS[4][0] * ring;
            int r = DIRECTIONS[4][1] * ring;
            for (int side = 0; side < 6 && count < n; side++) {
                for (int j = 0; j < ring && count < n; j++) {
                    out[count++] = new double[] {isdM * (q + r / 2.0), isdM * (r * Math.sqrt(3) / 2)};
                    q += DIRECTIONS[side][0];
                    r += DIRECTIONS[side][1];
                }
            }
        }
        return out;
    }
}
