package io.jric.sim;

/**
 * Site positions on a hexagonal grid: the centre site first, then ring 1 (6 sites), ring 2 (12 sites)
 * and so on, each ring walked in a fixed order. Neighbouring sites are one inter-site distance apart.
 */
final class HexLayout {
    private static final int[][] DIRECTIONS = {{1, 0}, {1, -1}, {0, -1}, {-1, 0}, {-1, 1}, {0, 1}};

    private HexLayout() {}

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
