package io.jric.sim;

import java.util.SplittableRandom;

/**
 * Spatially correlated log-normal shadowing of one site: independent Gaussian values on a square grid
 * (spacing = decorrelation distance), interpolated bilinearly and renormalised so every point has
 * standard deviation {@code sigma}. Deterministic for a given random stream.
 */
final class ShadowingMap {
    static final double GRID_M = 50;

    private final double minX;
    private final double minY;
    private final int nx;
    private final int ny;
    private final double[] values;
    private final double sigma;

    ShadowingMap(SplittableRandom rnd, double minX, double minY, double maxX, double maxY, double sigma) {
        this.minX = minX;
        this.minY = minY;
        this.nx = (int) Math.ceil((maxX - minX) / GRID_M) + 2;
        this.ny = (int) Math.ceil((maxY - minY) / GRID_M) + 2;
        this.sigma = sigma;
        this.values = new double[nx * ny];
        for (int i = 0; i < values.length; i++) values[i] = rnd.nextGaussian();
    }

    /** Shadowing loss in dB at (x, y); points outside the area are clamped to its edge. */
    double at(double x, double y) {
        if (sigma == 0) return 0;
        double gx = clamp((x - minX) / GRID_M, nx - 1.000001);
        double gy = clamp((y - minY) / GRID_M, ny - 1.000001);
        int ix = (int) gx;
        int iy = (int) gy;
        double fx = gx - ix;
        double fy = gy - iy;
        double w00 = (1 - fx) * (1 - fy);
        double w10 = fx * (1 - fy);
        double w01 = (1 - fx) * fy;
        double w11 = fx * fy;
        double v = w00 * values[iy * nx + ix] + w10 * values[iy * nx + ix + 1]
                + w01 * values[(iy + 1) * nx + ix] + w11 * values[(iy + 1) * nx + ix + 1];
        double norm = Math.sqrt(w00 * w00 + w10 * w10 + w01 * w01 + w11 * w11);
        return sigma * v / norm;
    }

    private static double clamp(double v, double max) {
        return v < 0 ? 0 : Math.min(v, max);
    }
}
