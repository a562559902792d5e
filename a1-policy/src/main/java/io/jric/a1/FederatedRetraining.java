package io.jric.a1;

import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.LocalUpdate;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.TrainedModel;
import io.jric.core.internal.grid.ExperienceRow;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.xapp.ExperienceStore;
import io.jric.core.internal.xapp.XappHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Training where the data lives (issue #15, item 8): federated averaging over the grid's server nodes. Each round
 * the coordinator (the RIC process that runs the job) sends every server node the same starting parameters; each
 * node reads the xApp's experience rows of the partitions it is primary for with local scans only, trains from those
 * parameters over them with the xApp's own trainer ({@code ModelListener.trainLocal}) and answers with the parameters
 * and its row counts, never a row; the coordinator averages the parameters weighted by each node's rows (FedAvg,
 * McMahan et al. 2017) and starts the next round from the average. After the last round one node's instance makes the
 * version file ({@code ModelListener.federatedModel}).
 *
 * <p>The rows a job trains on are fixed when it starts: those recorded and closed with outcome {@code OK} at or before
 * its start ({@code cutoff}), outside the validation gate's held-out buckets. Each node counts what it read; the
 * counts must agree between rounds (else the job fails: the grid's partitions moved under it).
 */
final class FederatedRetraining {
    /** Rounds of a job unless the request says. */
    static final int DEFAULT_ROUNDS = 5;
    /** Passes over each node's rows per round unless the request says. */
    static final int DEFAULT_LOCAL_EPOCHS = 6;

    private FederatedRetraining() {}

    /** One node's rows as it counted them, and what it answered. */
    static final class NodeAnswer implements Serializable {
        private static final long serialVersionUID = 1L;
        String node;
        boolean instance;
        int partitions;
        /** The xApp's rows in the node's primary partitions, recorded at or before the cutoff. */
        long read;
        /** Of those, closed with outcome OK at or before the cutoff. */
        long ok;
        long heldOut;
        long train;
        long fromMs = Long.MAX_VALUE;
        long toMs = Long.MIN_VALUE;
        /** The node's count of experience rows served to scans of other nodes, when it answered. */
        long servedToOtherNodes;
        /** The size of the update as Java serialization writes it (what the answer carries besides these counts). */
        long updateBytes;
        LocalUpdate update;
        String error;
    }

    /** What a job made: the averaged parameters and each node's last answer. */
    static final class Outcome {
        final float[] params;
        final List<NodeAnswer> nodes;
        final Map<String, Double> validation;

        Outcome(float[] params, List<NodeAnswer> nodes, Map<String, Double> validation) {
            this.params = params;
            this.nodes = nodes;
            this.validation = validation;
        }

        long sum(java.util.function.ToLongFunction<NodeAnswer> f) {
            return nodes.stream().mapToLong(f).sum();
        }
    }

    /** Progress of a job, for its record. */
    interface Progress {
        void round(int round, List<NodeAnswer> answers);
    }

    /**
     * Runs the rounds.
     *
     * @throws IllegalStateException naming the node and the reason when a node cannot train or the rows moved
     */
    static Outcome train(RicGrid grid, String xapp, ModelEvent parent, long seed, int rounds, int epochs, int heldOutPct,
                         long cutoffMs, Progress progress) {
        float[] global = null;
        List<NodeAnswer> last = null;
        for (int round = 1; round <= rounds; round++) {
            Collection<NodeAnswer> got = grid.ignite().compute(grid.ignite().cluster().forServers())
                    .broadcast(new RoundTask(xapp, parent, global, seed, round, epochs, heldOutPct, cutoffMs, false));
            List<NodeAnswer> answers = new ArrayList<>(got);
            answers.sort(java.util.Comparator.comparing(a -> a.node));
            for (NodeAnswer a : answers) {
                if (a.error != null) throw new IllegalStateException("grid node " + a.node + ": " + a.error);
            }
            if (last != null) {
                for (NodeAnswer a : answers) {
                    NodeAnswer before = last.stream().filter(b -> b.node.equals(a.node)).findFirst().orElse(null);
                    if (before == null || before.train != a.train) {
                        throw new IllegalStateException("grid node " + a.node + " read " + a.train + " training rows in round "
                                + round + " and " + (before == null ? "none" : Long.toString(before.train))
                                + " before: the grid's partitions moved during the job");
                    }
                }
            }
            global = average(answers);
            last = answers;
            if (progress != null) progress.round(round, answers);
        }
        // The trainer's figures, each a row-weighted mean over the nodes' last updates.
        Map<String, Double> validation = new TreeMap<>();
        Map<String, Double> weight = new TreeMap<>();
        for (NodeAnswer a : last) {
            if (a.update == null) continue;
            a.update.figures().forEach((k, v) -> {
                if (!Double.isFinite(v)) return;
                validation.merge(k, v * a.update.rows(), Double::sum);
                weight.merge(k, (double) a.update.rows(), Double::sum);
            });
        }
        validation.replaceAll((k, v) -> v / weight.get(k));
        return new Outcome(global, last, validation);
    }

    /**
     * Counts each server node's rows of the xApp (recorded and closed OK at or before {@code cutoffMs}), reading none
     * across nodes; also what each node has served to other nodes' scans so far.
     */
    static List<NodeAnswer> count(RicGrid grid, String xapp, int heldOutPct, long cutoffMs) {
        List<NodeAnswer> answers = new ArrayList<>(grid.ignite().compute(grid.ignite().cluster().forServers())
                .broadcast(new RoundTask(xapp, null, null, 0, 0, 0, heldOutPct, cutoffMs, true)));
        answers.sort(java.util.Comparator.comparing(a -> a.node));
        return answers;
    }

    /** FedAvg: the parameters of the nodes that trained, each weighted by its rows. */
    static float[] average(List<NodeAnswer> answers) {
        double[] sum = null;
        long total = 0;
        for (NodeAnswer a : answers) {
            if (a.update == null || a.update.rows() == 0) continue;
            float[] p = a.update.params();
            if (sum == null) sum = new double[p.length];
            if (p.length != sum.length) {
                throw new IllegalStateException("grid node " + a.node + " answered " + p.length + " parameters, another "
                        + sum.length + ": the nodes did not train the same architecture");
            }
            for (int i = 0; i < p.length; i++) sum[i] += (double) p[i] * a.update.rows();
            total += a.update.rows();
        }
        if (sum == null) throw new IllegalStateException("no grid node holds usable experience rows to train on");
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) (sum[i] / total);
        return out;
    }

    /** The version file from the averaged parameters, made by an instance of the xApp on whichever node runs one. */
    static TrainedModel model(RicGrid grid, String xapp, ModelEvent parent, float[] params, Map<String, Double> validation,
                              Map<String, Long> rows, long seed) {
        List<String> failures = new ArrayList<>();
        for (FinalAnswer a : grid.ignite().compute(grid.ignite().cluster().forServers())
                .broadcast(new FinalTask(xapp, parent, params, new TreeMap<>(validation), new TreeMap<>(rows), seed))) {
            if (a == null) continue;
            if (a.model != null) return a.model;
            failures.add(a.error);
        }
        throw new IllegalStateException(failures.isEmpty() ? "no instance of xApp " + xapp + " runs to make the federated version"
                : "xApp " + xapp + " cannot make the federated version: " + failures.get(0));
    }

    private static XappHost localHost(Ignite ignite) {
        return (XappHost) ignite.cluster().nodeLocalMap().get(XappHost.LOCAL_KEY);
    }

    /** Runs on every server node: one round over the node's own rows (or only counts them). */
    private static final class RoundTask implements IgniteCallable<NodeAnswer> {
        private static final long serialVersionUID = 1L;
        private final String xapp;
        private final ModelEvent parent;
        private final float[] global;
        private final long seed;
        private final int round;
        private final int epochs;
        private final int heldOutPct;
        private final long cutoffMs;
        private final boolean countOnly;
        @IgniteInstanceResource
        private transient Ignite ignite;

        RoundTask(String xapp, ModelEvent parent, float[] global, long seed, int round, int epochs, int heldOutPct, long cutoffMs,
                  boolean countOnly) {
            this.xapp = xapp;
            this.parent = parent;
            this.global = global;
            this.seed = seed;
            this.round = round;
            this.epochs = epochs;
            this.heldOutPct = heldOutPct;
            this.cutoffMs = cutoffMs;
            this.countOnly = countOnly;
        }

        @Override
        public NodeAnswer call() {
            NodeAnswer a = new NodeAnswer();
            a.node = String.valueOf(ignite.cluster().localNode().consistentId());
            try {
                XappHost h = localHost(ignite);
                a.instance = h != null && h.runsInstanceOf(xapp);
                ExperienceStore.LocalRows local = ExperienceStore.localRows(ignite, xapp, cutoffMs, RetrainJobs.MAX_TRAIN_ROWS);
                a.partitions = local.partitions;
                List<ExperienceSample> train = new ArrayList<>();
                for (ExperienceRow r : local.rows) {
                    a.read++;
                    if (!ExperienceRow.OK.equals(r.outcomeStatus()) || r.attachedAtMs() > cutoffMs) continue;
                    a.ok++;
                    if (ValidationGate.heldOut(r.nodeId(), r.cellId(), r.timeMs(), heldOutPct)) {
                        a.heldOut++;
                        continue;
                    }
                    train.add(ValidationGate.sample(r));
                    a.fromMs = Math.min(a.fromMs, r.timeMs());
                    a.toMs = Math.max(a.toMs, r.timeMs());
                }
                a.train = train.size();
                if (!countOnly && !train.isEmpty()) {
                    if (!a.instance) {
                        a.error = "holds " + train.size() + " training rows of " + xapp + " but runs no instance of it: federated "
                                + "retraining trains where the rows are (deploy the xApp on every RIC process, e.g. placement "
                                + "node-singleton, or retrain with mode central)";
                    } else {
                        // a stable sort: rows of one time, node and cell (several UEs) keep localRows' row-id order
                        train.sort(java.util.Comparator.comparingLong(ExperienceSample::timeMs)
                                .thenComparing(ExperienceSample::nodeId).thenComparing(ExperienceSample::cellId));
                        a.update = h.trainLocal(xapp, parent, global, train, seed, round, epochs);
                        if (a.update == null) a.error = "no instance of " + xapp + " runs here any more";
                        else a.updateBytes = serializedSize(a.update);
                    }
                }
            } catch (Exception e) {
                a.error = String.valueOf(e.getMessage() == null ? e : e.getMessage());
            }
            a.servedToOtherNodes = ExperienceStore.rowsServedToOtherNodes(ignite.name());
            return a;
        }
    }

    private static long serializedSize(Serializable o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.size();
    }

    private static final class FinalAnswer implements Serializable {
        private static final long serialVersionUID = 1L;
        final TrainedModel model;
        final String error;

        FinalAnswer(TrainedModel model, String error) {
            this.model = model;
            this.error = error;
        }
    }

    /** Runs on each server node: makes the version file with a local instance, if one runs there. */
    private static final class FinalTask implements IgniteCallable<FinalAnswer> {
        private static final long serialVersionUID = 1L;
        private final String xapp;
        private final ModelEvent parent;
        private final float[] params;
        private final TreeMap<String, Double> validation;
        private final TreeMap<String, Long> rows;
        private final long seed;
        @IgniteInstanceResource
        private transient Ignite ignite;

        FinalTask(String xapp, ModelEvent parent, float[] params, TreeMap<String, Double> validation, TreeMap<String, Long> rows,
                  long seed) {
            this.xapp = xapp;
            this.parent = parent;
            this.params = params;
            this.validation = validation;
            this.rows = rows;
            this.seed = seed;
        }

        @Override
        public FinalAnswer call() {
            XappHost h = localHost(ignite);
            if (h == null || !h.runsInstanceOf(xapp)) return null;
            try {
                TrainedModel m = h.federatedModel(xapp, parent, params, validation, rows, seed);
                return m == null ? null : new FinalAnswer(m, null);
            } catch (Exception e) {
                return new FinalAnswer(null, String.valueOf(e.getMessage() == null ? e : e.getMessage()));
            }
        }
    }
}
