package io.jric.a1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jric.api.xapp.descriptor.ModelGate;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.http.HttpProblem;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cluster.ClusterNode;

/**
 * Retraining started by a schedule or by drift (issue #15, item 3). A model's retraining policy (A1-ML
 * {@code PUT .../models/{model}/retrain-policy}, kept with the model's records) says when:
 * {@code {"everyMinutes": 60, "onDrift": true, "minRows": 500, "minIntervalMinutes": 10, "mode": "auto", "seed": 1}}.
 *
 * <p>One RIC process acts for the grid: the oldest server node (the others check and do nothing, so a trigger starts
 * one job, not one per process). Every {@link #TICK_MS} it looks at each policy: a schedule is due
 * {@code everyMinutes} after the last job a trigger started (or after the policy was set); a drift finding of the
 * xApp (the grid cache {@code ric.ml.drift}, state {@code raised}, newer than the policy) starts one unless a job
 * started by a trigger began less than {@code minIntervalMinutes} ago. Before starting, the training rows are counted
 * where they are (no row crosses nodes): fewer than {@code minRows} and the trigger is skipped. At most one job per
 * model at a time: a trigger that finds one queued or running is skipped. Every start and skip is an entry in the
 * model's audit log naming the trigger ({@code retrain-started}, {@code retrain-skipped}).
 */
final class RetrainTriggers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RetrainTriggers.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often the triggers are looked at. */
    static final long TICK_MS = 1_000;
    /** The grid cache the xApps' drift monitors publish their findings to. */
    static final String DRIFT_CACHE = "ric.ml.drift";
    static final double DEFAULT_MIN_INTERVAL_MINUTES = 10;
    static final long DEFAULT_MIN_ROWS = 100;
    /** The shortest schedule (3 s, for tests and demonstrations). */
    static final double MIN_EVERY_MINUTES = 0.05;

    private final RicGrid grid;
    private final ModelRegistry models;
    private final RetrainJobs jobs;
    private final ScheduledExecutorService timer;
    /** Per model ({@code xapp/model}): when a trigger last started a job, or tried to (RIC clock). */
    private final Map<String, Long> lastTriggered = new ConcurrentHashMap<>();
    /** Drift findings already handled (keys; they expire from the grid after 60 minutes, and are dropped here then). */
    private final Map<String, Long> handledFindings = new ConcurrentHashMap<>();

    RetrainTriggers(RicGrid grid, ModelRegistry models, RetrainJobs jobs, long tickMs) {
        this.grid = grid;
        this.models = models;
        this.jobs = jobs;
        if (tickMs > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ric-retrain-triggers");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::safeTick, tickMs, tickMs, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /**
     * Checks and normalises a policy body (400 naming each bad field).
     *
     * @return the policy as kept, with {@code setAtMs}
     */
    static ObjectNode parse(JsonNode body, long nowMs) {
        if (body == null || !body.isObject()) {
            throw HttpProblem.badRequest("body: " + body + " (expected: {\"everyMinutes\": n, \"onDrift\": true|false, \"minRows\": n, "
                    + "\"minIntervalMinutes\": n, \"mode\": \"auto|central|federated\", \"seed\": n})");
        }
        Set<String> known = Set.of("everyMinutes", "onDrift", "minRows", "minIntervalMinutes", "mode", "seed", "rounds", "localEpochs");
        StringBuilder problems = new StringBuilder();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) problems.append(problems.length() == 0 ? "" : "; ").append(f).append(": (expected: absent; known fields: ")
                    .append(new java.util.TreeSet<>(known)).append(")");
        }
        ObjectNode out = JSON.createObjectNode();
        JsonNode every = body.get("everyMinutes");
        if (every != null) {
            if (!every.isNumber() || every.asDouble() < MIN_EVERY_MINUTES || every.asDouble() > 525_600) {
                problems.append(problems.length() == 0 ? "" : "; ").append("everyMinutes: ").append(every)
                        .append(" (expected: a number of minutes, " + MIN_EVERY_MINUTES + "..525600)");
            } else {
                out.put("everyMinutes", every.asDouble());
            }
        }
        JsonNode drift = body.get("onDrift");
        if (drift != null && !drift.isBoolean()) {
            problems.append(problems.length() == 0 ? "" : "; ").append("onDrift: ").append(drift).append(" (expected: true or false)");
        }
        out.put("onDrift", drift != null && drift.asBoolean());
        JsonNode minRows = body.get("minRows");
        if (minRows != null && (!minRows.isIntegralNumber() || minRows.asLong() < 1 || minRows.asLong() > 10_000_000)) {
            problems.append(problems.length() == 0 ? "" : "; ").append("minRows: ").append(minRows).append(" (expected: an integer 1..10000000)");
        }
        out.put("minRows", minRows == null || !minRows.isIntegralNumber() ? DEFAULT_MIN_ROWS : minRows.asLong());
        JsonNode interval = body.get("minIntervalMinutes");
        if (interval != null && (!interval.isNumber() || interval.asDouble() < 0 || interval.asDouble() > 525_600)) {
            problems.append(problems.length() == 0 ? "" : "; ").append("minIntervalMinutes: ").append(interval)
                    .append(" (expected: a number of minutes, 0..525600)");
        }
        out.put("minIntervalMinutes", interval == null || !interval.isNumber() ? DEFAULT_MIN_INTERVAL_MINUTES : interval.asDouble());
        JsonNode mode = body.get("mode");
        if (mode != null && (!mode.isTextual() || !Set.of(RetrainJobs.MODE_AUTO, RetrainJobs.MODE_CENTRAL, RetrainJobs.MODE_FEDERATED)
                .contains(mode.asText()))) {
            problems.append(problems.length() == 0 ? "" : "; ").append("mode: ").append(mode)
                    .append(" (expected: \"auto\", \"central\" or \"federated\")");
        }
        out.put("mode", mode == null || !mode.isTextual() ? RetrainJobs.MODE_AUTO : mode.asText());
        JsonNode seed = body.get("seed");
        if (seed != null && (!seed.isIntegralNumber() || !seed.canConvertToLong())) {
            problems.append(problems.length() == 0 ? "" : "; ").append("seed: ").append(seed).append(" (expected: an integer)");
        }
        out.put("seed", seed == null || !seed.canConvertToLong() ? 1 : seed.asLong());
        out.put("rounds", intField(body, "rounds", 1, 50, FederatedRetraining.DEFAULT_ROUNDS, problems));
        out.put("localEpochs", intField(body, "localEpochs", 1, 100, FederatedRetraining.DEFAULT_LOCAL_EPOCHS, problems));
        if (problems.length() > 0) throw HttpProblem.badRequest(problems.toString());
        if (every == null && !out.get("onDrift").asBoolean()) {
            throw HttpProblem.badRequest("everyMinutes: absent and onDrift: false (expected: a schedule, onDrift: true, or both; "
                    + "DELETE the policy to stop the triggers)");
        }
        out.put("setAtMs", nowMs);
        return out;
    }

    private static int intField(JsonNode body, String name, int min, int max, int dflt, StringBuilder problems) {
        JsonNode n = body.get(name);
        if (n == null) return dflt;
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
            problems.append(problems.length() == 0 ? "" : "; ").append(name).append(": ").append(n)
                    .append(" (expected: an integer " + min + ".." + max + ")");
            return dflt;
        }
        return n.intValue();
    }

    /** Sets a model's policy: checked, kept with the model's records, audited. */
    ObjectNode put(String xapp, String model, JsonNode body) {
        ObjectNode policy = parse(body, System.currentTimeMillis());
        if (models.spec(xapp, model).gate().isEmpty()) {
            throw HttpProblem.conflict("model " + xapp + "/" + model + " declares no gate (models[].gate): a retrained version is "
                    + "activated only through the validation gate");
        }
        models.putRetrainPolicy(xapp, model, policy);
        lastTriggered.remove(xapp + "/" + model);
        models.auditRetrain(xapp, model, "retrain-policy-set", null, "retraining policy " + describe(policy), policy);
        return view(xapp, model, policy);
    }

    ObjectNode get(String xapp, String model) {
        JsonNode p = models.retrainPolicy(xapp, model);
        if (p == null) throw HttpProblem.notFound("no retraining policy for " + xapp + "/" + model);
        return view(xapp, model, p);
    }

    void delete(String xapp, String model) {
        if (!models.deleteRetrainPolicy(xapp, model)) throw HttpProblem.notFound("no retraining policy for " + xapp + "/" + model);
        models.auditRetrain(xapp, model, "retrain-policy-removed", null, "no more scheduled or drift-started retraining", null);
    }

    private static ObjectNode view(String xapp, String model, JsonNode p) {
        ObjectNode out = JSON.createObjectNode().put("xapp", xapp).put("model", model);
        p.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("key")) out.set(e.getKey(), e.getValue());
        });
        return out;
    }

    private static String describe(JsonNode p) {
        StringBuilder b = new StringBuilder();
        if (p.has("everyMinutes")) b.append("every ").append(p.get("everyMinutes").asDouble()).append(" min");
        if (p.path("onDrift").asBoolean()) b.append(b.length() == 0 ? "" : ", ").append("on drift");
        b.append(", at least ").append(p.path("minRows").asLong()).append(" training rows, at most one per ")
                .append(p.path("minIntervalMinutes").asDouble()).append(" min on drift, mode ").append(p.path("mode").asText());
        return b.toString();
    }

    private void safeTick() {
        try {
            tick(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "retraining triggers skipped a round", e);
        }
    }

    /** Whether this RIC process acts for the grid (the oldest server node). */
    boolean acting() {
        ClusterNode oldest = grid.ignite().cluster().forServers().forOldest().node();
        return oldest != null && oldest.isLocal();
    }

    /**
     * One look at every policy (tests call it with the time they want).
     *
     * @return the jobs started
     */
    int tick(long nowMs) {
        if (!acting()) return 0;
        Map<List<String>, JsonNode> policies = models.retrainPolicies();
        if (policies.isEmpty()) return 0;
        Map<String, JsonNode> findings = newDriftFindings(nowMs);
        int started = 0;
        for (Map.Entry<List<String>, JsonNode> e : policies.entrySet()) {
            String xapp = e.getKey().get(0);
            String model = e.getKey().get(1);
            JsonNode p = e.getValue();
            String key = xapp + "/" + model;
            long setAt = p.path("setAtMs").asLong();
            long last = lastTriggered.getOrDefault(key, setAt);
            String trigger = null;
            ObjectNode figures = JSON.createObjectNode();
            if (p.has("everyMinutes") && nowMs - last >= (long) (p.get("everyMinutes").asDouble() * 60_000)) {
                trigger = "schedule";
                figures.put("everyMinutes", p.get("everyMinutes").asDouble());
            }
            if (trigger == null && p.path("onDrift").asBoolean()) {
                for (Map.Entry<String, JsonNode> f : findings.entrySet()) {
                    JsonNode d = f.getValue();
                    if (!xapp.equals(d.path("xapp").asText()) || d.path("timeMs").asLong() < setAt) continue;
                    handledFindings.put(f.getKey(), nowMs);
                    long interval = (long) (p.path("minIntervalMinutes").asDouble(DEFAULT_MIN_INTERVAL_MINUTES) * 60_000);
                    if (lastTriggered.containsKey(key) && nowMs - last < interval) {
                        models.auditRetrain(xapp, model, "retrain-skipped", null, "trigger drift (" + finding(d) + "): a job started by a "
                                + "trigger began " + (nowMs - last) / 1000 + " s ago, less than minIntervalMinutes "
                                + p.path("minIntervalMinutes").asDouble(), d);
                        continue;
                    }
                    trigger = "drift";
                    figures.set("finding", d);
                    figures.put("findingKey", f.getKey());
                    break;
                }
            }
            if (trigger == null) continue;
            lastTriggered.put(key, nowMs);
            if (start(xapp, model, p, trigger, figures)) started++;
        }
        // Findings expire from the grid after 60 minutes; forget them here after 2 hours.
        handledFindings.values().removeIf(t -> nowMs - t > 7_200_000);
        return started;
    }

    private static String finding(JsonNode d) {
        String what = d.has("psiMax") ? "PSI " + d.path("psiMax").asText() : d.has("errorRatio") ? "error ratio " + d.path("errorRatio").asText() : "";
        String of = d.has("feature") ? " of " + d.path("feature").asText() : d.has("output") ? " of " + d.path("output").asText() : "";
        return d.path("kind").asText("input") + " drift " + what + of;
    }

    private boolean start(String xapp, String model, JsonNode p, String trigger, ObjectNode figures) {
        String label = trigger.equals("drift") ? "drift (" + finding(figures.get("finding")) + ")"
                : "schedule (every " + p.get("everyMinutes").asDouble() + " min)";
        try {
            if (jobs.busy(xapp, model)) {
                models.auditRetrain(xapp, model, "retrain-skipped", null, "trigger " + label + ": a retraining job of this model is "
                        + "queued or running", figures);
                return false;
            }
            ModelGate gate = models.spec(xapp, model).gate().orElse(null);
            if (gate == null) return false;
            long cutoff = System.currentTimeMillis();
            long rows = 0;
            for (FederatedRetraining.NodeAnswer a : FederatedRetraining.count(grid, xapp, gate.heldOutPct(), cutoff)) rows += a.train;
            figures.put("trainingRows", rows);
            if (rows < p.path("minRows").asLong()) {
                models.auditRetrain(xapp, model, "retrain-skipped", null, "trigger " + label + ": " + rows + " training rows, fewer than "
                        + "minRows " + p.path("minRows").asLong(), figures);
                return false;
            }
            ObjectNode job = jobs.start(xapp, model, new RetrainJobs.Request(p.path("seed").asLong(1), p.path("mode").asText(RetrainJobs.MODE_AUTO),
                    p.path("rounds").asInt(FederatedRetraining.DEFAULT_ROUNDS), p.path("localEpochs").asInt(FederatedRetraining.DEFAULT_LOCAL_EPOCHS)),
                    "trigger:" + trigger);
            figures.put("job", job.get("id").asText()).put("mode", job.path("mode").asText()).put("trigger", trigger);
            models.auditRetrain(xapp, model, "retrain-started", job.path("parent").asText(), "trigger " + label + ": retraining job " + job.get("id").asText()
                    + " (" + job.path("mode").asText() + ") from version " + job.path("parent").asText() + " on " + rows + " training rows", figures);
            return true;
        } catch (HttpProblem e) {
            models.auditRetrain(xapp, model, "retrain-skipped", null, "trigger " + label + ": " + e.detail(), figures);
            return false;
        }
    }

    /** Raised drift findings in the grid not handled yet, by key. */
    private Map<String, JsonNode> newDriftFindings(long nowMs) {
        Map<String, JsonNode> out = new java.util.TreeMap<>();
        IgniteCache<String, String> c = grid.ignite().cache(DRIFT_CACHE);
        if (c == null) return out;
        for (javax.cache.Cache.Entry<String, String> e : c.query(new org.apache.ignite.cache.query.ScanQuery<String, String>())) {
            if (handledFindings.containsKey(e.getKey())) continue;
            try {
                JsonNode d = JSON.readTree(e.getValue());
                if ("raised".equals(d.path("state").asText())) out.put(e.getKey(), d);
                else handledFindings.put(e.getKey(), nowMs);
            } catch (java.io.IOException | RuntimeException bad) {
                handledFindings.put(e.getKey(), nowMs);
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
    }
}
