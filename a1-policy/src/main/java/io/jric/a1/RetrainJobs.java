package io.jric.a1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.TrainedModel;
import io.jric.api.xapp.descriptor.ModelGate;
import io.jric.api.xapp.descriptor.ModelSpec;
import io.jric.core.internal.grid.ExperienceRow;
import io.jric.core.internal.http.HttpProblem;
import io.jric.core.internal.xapp.ExperienceStore;
import io.jric.core.internal.xapp.XappManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Retraining in the RIC (issue #15, item 3): a job, started by the operator through A1-ML or the admin API, builds a
 * data set from an xApp's experience rows (outcome {@code OK}, without the validation gate's held-out rows), has the
 * xApp's own trainer ({@code ModelListener.trainModel}) make the next version from the active one on a grid node that
 * runs an instance (Ignite compute, not the xApp's thread nor the KPM path), registers it with its lineage (data
 * window, row counts, feature schema, trainer, seed, parent, the trainer's figures) and activates it through the gate:
 * a version that does not beat the active one is refused with the figures and the active one keeps serving. With a
 * canary plan the version goes through the gate into a canary instead ({@link ModelRegistry#startCanary}).
 *
 * <p>Bounded: one job runs at a time on this RIC process ({@code ric-retrain} thread), at most {@link #QUEUE} wait,
 * the last {@link #KEPT} jobs are kept in memory (not across restarts; the versions they registered are).
 */
final class RetrainJobs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RetrainJobs.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Jobs waiting behind the running one. */
    static final int QUEUE = 2;
    /** Jobs whose state is kept. */
    static final int KEPT = 32;
    /** The most experience rows one job trains on (the newest). */
    static final int MAX_TRAIN_ROWS = 100_000;

    private final ModelRegistry models;
    private final XappManager xapps;
    private final ThreadPoolExecutor executor;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, ObjectNode> jobs = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> e) {
            return size() > KEPT;
        }
    };

    /** The grid, for federated jobs (null: central jobs only). */
    private final io.jric.core.internal.grid.RicGrid grid;

    RetrainJobs(ModelRegistry models, XappManager xapps) {
        this(models, xapps, null);
    }

    RetrainJobs(ModelRegistry models, XappManager xapps, io.jric.core.internal.grid.RicGrid grid) {
        this.models = models;
        this.xapps = xapps;
        this.grid = grid;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "ric-retrain");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a job for {@code xapp}'s {@code model}; its state (queued). Checked at once: the model is declared and
     * gated, the xApp declares experience, a version is active.
     */
    ObjectNode start(String xapp, String model, long seed, String startedBy) {
        return start(xapp, model, seed, startedBy, null);
    }

    /**
     * As {@link #start(String, String, long, String)}; with a {@code canary} plan (its version left to the job) the new
     * version goes through the gate into a canary with that plan ({@link ModelRegistry#startCanary}) instead of being
     * activated: state {@code canary} once it serves, and the judge promotes it or rolls it back (the audit log).
     */
    ObjectNode start(String xapp, String model, long seed, String startedBy, CanaryPlan canary) {
        return start(xapp, model, new Request(seed, MODE_AUTO, FederatedRetraining.DEFAULT_ROUNDS,
                FederatedRetraining.DEFAULT_LOCAL_EPOCHS, canary), startedBy);
    }

    /** {@code auto}: federated when the grid has more than one server node, central otherwise. */
    static final String MODE_AUTO = "auto";
    /** One node trains over every row (the rows travel to it). */
    static final String MODE_CENTRAL = "central";
    /** Every server node trains over its own rows; the parameters are averaged (FedAvg). */
    static final String MODE_FEDERATED = "federated";

    /** What a retraining request asks for. */
    record Request(long seed, String mode, int rounds, int localEpochs, CanaryPlan canary) {
        /** A request without a canary plan: the version is activated through the gate. */
        Request(long seed, String mode, int rounds, int localEpochs) {
            this(seed, mode, rounds, localEpochs, null);
        }
    }

    /** The mode a request resolves to on this grid now. */
    String resolveMode(String mode) {
        if (!MODE_AUTO.equals(mode)) return mode;
        return grid != null && grid.serverCount() > 1 ? MODE_FEDERATED : MODE_CENTRAL;
    }

    /** Whether a job of the model is queued or running on this RIC process. */
    boolean busy(String xapp, String model) {
        synchronized (jobs) {
            for (ObjectNode j : jobs.values()) {
                String st = j.get("state").asText();
                if (j.get("xapp").asText().equals(xapp) && j.get("model").asText().equals(model)
                        && (st.equals("queued") || st.equals("running"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Starts a job as {@link #start(String, String, long, String)} with the request's mode and rounds. */
    ObjectNode start(String xapp, String model, Request request, String startedBy) {
        long seed = request.seed();
        CanaryPlan canary = request.canary();
        String mode = resolveMode(request.mode());
        if (MODE_FEDERATED.equals(mode) && grid == null) {
            throw HttpProblem.conflict("federated retraining is not available on this RIC process");
        }
        ModelSpec spec = models.spec(xapp, model);
        ModelGate gate = spec.gate().orElseThrow(() -> HttpProblem.conflict("model " + xapp + "/" + model
                + " declares no gate (models[].gate): a retrained version is activated only through the validation gate"));
        ModelEvent parent = models.activeEvent(xapp, model);
        if (parent == null) {
            throw HttpProblem.conflict("no version of " + xapp + "/" + model + " is active: retraining starts from the active version");
        }
        String id = "r" + ids.incrementAndGet();
        ObjectNode job = JSON.createObjectNode();
        job.put("id", id).put("xapp", xapp).put("model", model).put("state", "queued").put("seed", seed)
                .put("parent", parent.version()).put("startedBy", startedBy).put("queuedAtMs", System.currentTimeMillis())
                .put("mode", mode);
        if (MODE_FEDERATED.equals(mode)) job.put("rounds", request.rounds()).put("localEpochs", request.localEpochs());
        if (canary != null) {
            ObjectNode plan = canary.toJson();
            plan.remove(java.util.List.of("version", "force"));
            job.set("canaryPlan", plan);
        }
        synchronized (jobs) {
            jobs.put(id, job);
        }
        try {
            executor.execute(MODE_FEDERATED.equals(mode)
                    ? () -> runFederated(job, spec, gate, parent, seed, request.rounds(), request.localEpochs(), canary)
                    : () -> run(job, spec, gate, parent, seed, canary));
        } catch (RejectedExecutionException e) {
            synchronized (jobs) {
                jobs.remove(id);
            }
            throw HttpProblem.of(429, "Too Many Requests", "a retraining job runs and " + QUEUE + " wait already; try again later");
        }
        return snapshot(id);
    }

    /** A job's state. */
    ObjectNode job(String xapp, String model, String id) {
        ObjectNode j = snapshot(id);
        if (j == null || !j.get("xapp").asText().equals(xapp) || !j.get("model").asText().equals(model)) {
            throw HttpProblem.notFound("no retraining job " + id + " of " + xapp + "/" + model + " (the last " + KEPT + " are kept)");
        }
        return j;
    }

    private ObjectNode snapshot(String id) {
        synchronized (jobs) {
            ObjectNode j = jobs.get(id);
            return j == null ? null : j.deepCopy();
        }
    }

    private void update(ObjectNode job, java.util.function.Consumer<ObjectNode> change) {
        synchronized (jobs) {
            change.accept(job);
        }
    }

    private void run(ObjectNode job, ModelSpec spec, ModelGate gate, ModelEvent parent, long seed, CanaryPlan canary) {
        String xapp = job.get("xapp").asText();
        String model = job.get("model").asText();
        update(job, j -> j.put("state", "running").put("startedAtMs", System.currentTimeMillis()));
        try {
            // The data set: OK rows outside the gate's held-out buckets, the newest MAX_TRAIN_ROWS.
            ExperienceStore.Page page = xapps.experience().rows(xapp, Long.MIN_VALUE, Long.MAX_VALUE, ValidationGate.MAX_ROWS_READ);
            List<ExperienceSample> train = new ArrayList<>();
            long ok = 0;
            long heldOut = 0;
            for (ExperienceRow r : page.rows) {
                if (!ExperienceRow.OK.equals(r.outcomeStatus())) continue;
                ok++;
                if (ValidationGate.heldOut(r.nodeId(), r.cellId(), r.timeMs(), gate.heldOutPct())) {
                    heldOut++;
                    continue;
                }
                train.add(ValidationGate.sample(r));
            }
            if (train.size() > MAX_TRAIN_ROWS) train = new ArrayList<>(train.subList(train.size() - MAX_TRAIN_ROWS, train.size()));
            long from = train.stream().mapToLong(ExperienceSample::timeMs).min().orElse(0);
            long to = train.stream().mapToLong(ExperienceSample::timeMs).max().orElse(0);
            long okRows = ok;
            long held = heldOut;
            int n = train.size();
            update(job, j -> {
                ObjectNode rows = j.putObject("rows");
                rows.put("withOutcome", okRows).put("heldOutForGate", held).put("train", n);
            });
            if (train.isEmpty()) throw new IllegalStateException("no experience rows with an OK outcome outside the gate's held-out share");
            TrainedModel t = xapps.trainModel(xapp, parent, train, seed);
            String version = models.nextVersion(xapp, model);
            ObjectNode lineage = JSON.createObjectNode();
            lineage.putObject("dataWindow").put("from", Instant.ofEpochMilli(from).toString()).put("to", Instant.ofEpochMilli(to).toString());
            ObjectNode rows = lineage.putObject("rows");
            rows.put("experienceOk", okRows).put("heldOutForGate", held).put("train", n);
            t.rows().forEach(rows::put);
            lineage.set("featureSchema", JSON.valueToTree(spec.inputFeatures()));
            lineage.put("trainer", t.trainer()).put("codeVersion", codeVersion()).put("seed", seed).put("parent", parent.version());
            lineage.set("hyperparameters", JSON.valueToTree(t.hyperparameters()));
            ObjectNode v = lineage.putObject("validation");
            t.validation().forEach((k, x) -> {
                if (Double.isFinite(x)) v.put(k, x);
            });
            lineage.put("notes", "retraining job " + job.get("id").asText() + " started by " + job.get("startedBy").asText());
            byte[] bytes = t.content();
            models.upload(xapp, model, version, bytes, ModelRegistry.sha256(bytes), spec.format().jsonName(), null, null,
                    lineage.toString(), "retrain-job:" + job.get("id").asText());
            update(job, j -> j.put("version", version));
            models.audit(xapp, model, "retrained", version, String.format(java.util.Locale.ROOT,
                    "registered by retraining job %s (seed %d) from %d experience rows (%d held out for the gate), parent %s",
                    job.get("id").asText(), seed, n, held, parent.version()), lineage);
            deliver(job, xapp, model, version, canary);
            JsonNode gateFigures = models.version(xapp, model, version).get("gate");
            if (gateFigures != null) update(job, j -> j.set("gate", gateFigures));
        } catch (RuntimeException e) {
            LOG.warning("retraining job " + job.get("id").asText() + " of " + xapp + "/" + model + " failed: " + e);
            update(job, j -> j.put("state", "failed").put("error", String.valueOf(e.getMessage())));
        } finally {
            update(job, j -> j.put("finishedAtMs", System.currentTimeMillis()));
        }
    }

    /**
     * A federated job (issue #15, item 8): every server node trains over the rows it holds, the coordinator (this
     * process) averages the parameters; then registration and the gate as for a central job. The job's record names
     * each node's rows and counts the experience rows that crossed grid nodes while it trained and while the gate
     * scored (what each node served to other nodes' scans over each phase).
     */
    private void runFederated(ObjectNode job, ModelSpec spec, ModelGate gate, ModelEvent parent, long seed, int rounds, int epochs,
                              CanaryPlan canary) {
        String xapp = job.get("xapp").asText();
        String model = job.get("model").asText();
        long cutoff = System.currentTimeMillis();
        update(job, j -> j.put("state", "running").put("startedAtMs", cutoff).put("cutoffMs", cutoff).put("roundsDone", 0));
        try {
            List<FederatedRetraining.NodeAnswer> before = FederatedRetraining.count(grid, xapp, gate.heldOutPct(), cutoff);
            FederatedRetraining.Outcome out = FederatedRetraining.train(grid, xapp, parent, seed, rounds, epochs, gate.heldOutPct(),
                    cutoff, (round, answers) -> update(job, j -> {
                        j.put("roundsDone", round);
                        j.set("nodes", nodesJson(answers));
                    }));
            long ok = out.sum(a -> a.ok);
            long held = out.sum(a -> a.heldOut);
            long train = out.sum(a -> a.train);
            long usable = out.nodes.stream().mapToLong(a -> a.update == null ? 0 : a.update.rows()).sum();
            long from = out.nodes.stream().filter(a -> a.train > 0).mapToLong(a -> a.fromMs).min().orElse(0);
            long to = out.nodes.stream().filter(a -> a.train > 0).mapToLong(a -> a.toMs).max().orElse(0);
            int trained = (int) out.nodes.stream().filter(a -> a.update != null && a.update.rows() > 0).count();
            Map<String, Long> rowsByKind = new java.util.TreeMap<>();
            rowsByKind.put("experienceOk", ok);
            rowsByKind.put("heldOutForGate", held);
            rowsByKind.put("train", train);
            rowsByKind.put("usable", usable);
            for (FederatedRetraining.NodeAnswer a : out.nodes) {
                rowsByKind.put("node." + a.node + ".train", a.train);
                rowsByKind.put("node." + a.node + ".heldOutForGate", a.heldOut);
            }
            TrainedModel t = FederatedRetraining.model(grid, xapp, parent, out.params, out.validation, rowsByKind, seed);
            List<FederatedRetraining.NodeAnswer> afterTraining = FederatedRetraining.count(grid, xapp, gate.heldOutPct(), cutoff);
            long crossedTraining = crossed(before, afterTraining);
            update(job, j -> {
                j.putObject("rows").put("withOutcome", ok).put("heldOutForGate", held).put("train", train).put("usable", usable);
                j.putObject("rowsCrossingNodes").put("training", crossedTraining);
                j.put("nodesTrained", trained);
            });
            String version = models.nextVersion(xapp, model);
            ObjectNode lineage = JSON.createObjectNode();
            lineage.putObject("dataWindow").put("from", Instant.ofEpochMilli(from).toString()).put("to", Instant.ofEpochMilli(to).toString());
            ObjectNode rows = lineage.putObject("rows");
            rowsByKind.forEach(rows::put);
            t.rows().forEach((k, v) -> {
                if (!rows.has(k)) rows.put(k, v);
            });
            lineage.set("featureSchema", JSON.valueToTree(spec.inputFeatures()));
            lineage.put("trainer", t.trainer()).put("codeVersion", codeVersion()).put("seed", seed).put("parent", parent.version());
            ObjectNode hyper = JSON.valueToTree(t.hyperparameters());
            hyper.put("combination", "FedAvg: parameters averaged over the grid nodes, weighted by each node's training rows")
                    .put("rounds", rounds).put("localEpochs", epochs).put("nodes", out.nodes.size()).put("nodesTrained", trained);
            lineage.set("hyperparameters", hyper);
            ObjectNode v = lineage.putObject("validation");
            t.validation().forEach((k, x) -> {
                if (Double.isFinite(x)) v.put(k, x);
            });
            StringBuilder per = new StringBuilder();
            for (FederatedRetraining.NodeAnswer a : out.nodes) {
                per.append(per.length() == 0 ? "" : ", ").append(a.node).append(": ").append(a.train).append(" rows");
            }
            lineage.put("notes", "federated retraining job " + job.get("id").asText() + " started by " + job.get("startedBy").asText()
                    + "; trained where the rows are (" + per + "); " + crossedTraining + " experience rows crossed grid nodes while training");
            byte[] bytes = t.content();
            models.upload(xapp, model, version, bytes, ModelRegistry.sha256(bytes), spec.format().jsonName(), null, null,
                    lineage.toString(), "retrain-job:" + job.get("id").asText());
            update(job, j -> j.put("version", version));
            models.audit(xapp, model, "retrained", version, String.format(java.util.Locale.ROOT,
                    "registered by federated retraining job %s (seed %d, %d rounds) from %d experience rows on %d grid nodes "
                            + "(%d held out for the gate), parent %s", job.get("id").asText(), seed, rounds, train, trained, held,
                    parent.version()), lineage);
            deliver(job, xapp, model, version, canary);
            long crossedGate = crossed(afterTraining, FederatedRetraining.count(grid, xapp, gate.heldOutPct(), cutoff));
            update(job, j -> ((ObjectNode) j.get("rowsCrossingNodes")).put("gate", crossedGate));
            JsonNode gateFigures = models.version(xapp, model, version).get("gate");
            if (gateFigures != null) update(job, j -> j.set("gate", gateFigures));
        } catch (RuntimeException e) {
            LOG.warning("federated retraining job " + job.get("id").asText() + " of " + xapp + "/" + model + " failed: " + e);
            update(job, j -> j.put("state", "failed").put("error", String.valueOf(e.getMessage())));
        } finally {
            update(job, j -> j.put("finishedAtMs", System.currentTimeMillis()));
        }
    }

    /**
     * The registered version through the gate: activated, or (with a canary plan) served as a canary the judge promotes
     * or rolls back; the job's state says which, or why the gate refused it.
     */
    private void deliver(ObjectNode job, String xapp, String model, String version, CanaryPlan canary) {
        try {
            if (canary == null) {
                models.activate(xapp, model, version, false, false);
                update(job, j -> j.put("state", "activated"));
            } else {  // through the gate into a canary: the judge decides (GET .../canary, .../audit)
                models.startCanary(xapp, model, canary.withVersion(version));
                update(job, j -> j.put("state", "canary"));
            }
        } catch (HttpProblem p) {
            update(job, j -> j.put("state", p.status() == 422 ? "refused" : "failed").put("error", p.detail()));
        }
    }

    /** Rows the nodes served to other nodes' scans between two counts. */
    private static long crossed(List<FederatedRetraining.NodeAnswer> before, List<FederatedRetraining.NodeAnswer> after) {
        long n = 0;
        for (FederatedRetraining.NodeAnswer a : after) {
            long b = before.stream().filter(x -> x.node.equals(a.node)).mapToLong(x -> x.servedToOtherNodes).findFirst().orElse(0);
            n += a.servedToOtherNodes - b;
        }
        return n;
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode nodesJson(List<FederatedRetraining.NodeAnswer> answers) {
        com.fasterxml.jackson.databind.node.ArrayNode arr = JSON.createArrayNode();
        for (FederatedRetraining.NodeAnswer a : answers) {
            ObjectNode n = arr.addObject();
            n.put("node", a.node).put("instance", a.instance).put("primaryPartitions", a.partitions).put("rowsRead", a.read)
                    .put("withOutcome", a.ok).put("heldOutForGate", a.heldOut).put("train", a.train)
                    .put("usable", a.update == null ? 0 : a.update.rows())
                    .put("parameters", a.update == null ? 0 : a.update.size()).put("updateBytes", a.updateBytes);
            if (a.update != null) {
                ObjectNode f = n.putObject("figures");
                a.update.figures().forEach((k, v) -> {
                    if (Double.isFinite(v)) f.put(k, v);
                });
            }
        }
        return arr;
    }

    private static String codeVersion() {
        String v = RetrainJobs.class.getPackage().getImplementationVersion();
        return "jric " + (v == null ? "dev" : v);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
