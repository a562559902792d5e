package io.jric.api.xapp;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One grid node's share of a federated retraining round ({@link ModelListener#trainLocal}): the model's parameters
 * after training on that node's own experience rows, how many rows they were trained on (the weight of this update
 * in the federated average) and the trainer's own figures. No experience row: this is all that leaves the node.
 */
public final class LocalUpdate implements Serializable {
    private static final long serialVersionUID = 1L;
    private final float[] params;
    private final long rows;
    // A TreeMap (not Map.copyOf): the update crosses grid nodes with Ignite's marshaller.
    private final TreeMap<String, Double> figures;

    /**
     * @param params the flat parameter vector after local training (same length and order on every node)
     * @param rows the rows trained on (0: the node had none usable; its update is left out of the average)
     * @param figures the trainer's figures on the node's rows (e.g. its training loss)
     */
    public LocalUpdate(float[] params, long rows, Map<String, Double> figures) {
        this.params = Objects.requireNonNull(params, "params").clone();
        if (rows < 0) throw new IllegalArgumentException("rows: " + rows + " (expected: >= 0)");
        this.rows = rows;
        this.figures = new TreeMap<>(figures);
    }

    /** The parameters after local training. */
    public float[] params() {
        return params.clone();
    }

    /** The number of parameters. */
    public int size() {
        return params.length;
    }

    /** The rows trained on. */
    public long rows() {
        return rows;
    }

    /** The trainer's figures on the node's rows. */
    public Map<String, Double> figures() {
        return Collections.unmodifiableMap(figures);
    }
}
