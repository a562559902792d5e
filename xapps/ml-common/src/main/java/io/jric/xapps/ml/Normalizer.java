package io.jric.xapps.ml;

import java.util.Arrays;

/**
 * Per-column z-score normalisation ({@code (x - mean) / std}), fitted on training data and stored
 * with the model so inference normalises exactly as training did. Columns with (near) zero spread
 * get std 1.
 */
public final class Normalizer {
    private final float[] mean;
    private final float[] std;

    /** A normaliser with the given statistics (copied). */
    public Normalizer(float[] mean, float[] std) {
        if (mean.length != std.length) throw new IllegalArgumentException("mean/std length " + mean.length + " != " + std.length);
        this.mean = mean.clone();
        this.std = std.clone();
        for (int i = 0; i < this.std.length; i++) {
            if (!(this.std[i] > 1e-6f) || !Float.isFinite(this.std[i])) this.std[i] = 1;
        }
    }

    /** The identity normaliser of {@code n} columns. */
    public static Normalizer identity(int n) {
        float[] ones = new float[n];
        Arrays.fill(ones, 1);
        return new Normalizer(new float[n], ones);
    }

    /** Fits mean and standard deviation of every column of {@code rows}. */
    public static Normalizer fit(float[][] rows) {
        if (rows.length == 0) throw new IllegalArgumentException("rows: empty");
        int n = rows[0].length;
        double[] sum = new double[n];
        double[] sq = new double[n];
        for (float[] r : rows) {
            for (int j = 0; j < n; j++) {
                sum[j] += r[j];
                sq[j] += (double) r[j] * r[j];
            }
        }
        float[] mean = new float[n];
        float[] std = new float[n];
        for (int j = 0; j < n; j++) {
            double m = sum[j] / rows.length;
            mean[j] = (float) m;
            std[j] = (float) Math.sqrt(Math.max(0, sq[j] / rows.length - m * m));
        }
        return new Normalizer(mean, std);
    }

    /** Number of columns. */
    public int size() {
        return mean.length;
    }

    /** A copy of the means. */
    public float[] mean() {
        return mean.clone();
    }

    /** A copy of the standard deviations. */
    public float[] std() {
        return std.clone();
    }

    /** Normalises {@code row[offset..offset+size)} in place. */
    public void apply(float[] row, int offset) {
        for (int j = 0; j < mean.length; j++) row[offset + j] = (row[offset + j] - mean[j]) / std[j];
    }

    /** Undoes the normalisation of {@code row[offset..offset+size)} in place. */
    public void invert(float[] row, int offset) {
        for (int j = 0; j < mean.length; j++) row[offset + j] = row[offset + j] * std[j] + mean[j];
    }

    /** A normalised copy of every row. */
    public float[][] applyAll(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
            apply(out[i], 0);
        }
        return out;
    }
}
