package io.jric.xapps.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Rows of features and labels, built up by a recorder, then split and fed to a trainer. */
public final class Dataset {
    private final List<float[]> x = new ArrayList<>();
    private final List<float[]> y = new ArrayList<>();
    private final int inputs;
    private final int outputs;

    /** An empty data set of {@code inputs} features and {@code outputs} labels per row. */
    public Dataset(int inputs, int outputs) {
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /** Adds a row (copied). */
    public void add(float[] features, float[] labels) {
        if (features.length != inputs || labels.length != outputs) {
            throw new IllegalArgumentException("row: " + features.length + "/" + labels.length + " (expected: " + inputs + "/" + outputs + ")");
        }
        x.add(features.clone());
        y.add(labels.clone());
    }

    /** Adds every row of {@code other}. */
    public void addAll(Dataset other) {
        for (int i = 0; i < other.size(); i++) add(other.x.get(i), other.y.get(i));
    }

    public int size() {
        return x.size();
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    /** The features as a matrix (rows shared, not copied). */
    public float[][] features() {
        return x.toArray(new float[0][]);
    }

    /** The labels as a matrix (rows shared, not copied). */
    public float[][] labels() {
        return y.toArray(new float[0][]);
    }

    /** A copy with rows shuffled by {@code seed}. */
    public Dataset shuffled(long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < size(); i++) order.add(i);
        java.util.Collections.shuffle(order, new Random(seed));
        Dataset d = new Dataset(inputs, outputs);
        for (int i : order) {
            d.x.add(x.get(i));
            d.y.add(y.get(i));
        }
        return d;
    }

    /** Keeps only every row for which {@code keep} is true (e.g. to balance classes). */
    public Dataset filter(java.util.function.BiPredicate<float[], float[]> keep) {
        Dataset d = new Dataset(inputs, outputs);
        for (int i = 0; i < size(); i++) {
            if (keep.test(x.get(i), y.get(i))) {
                d.x.add(x.get(i));
                d.y.add(y.get(i));
            }
        }
        return d;
    }
}
