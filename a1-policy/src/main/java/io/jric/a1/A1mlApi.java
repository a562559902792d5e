package io.jric.a1;

import com.fasterxml.jackson.databind.JsonNode;
import io.jric.core.internal.http.HttpProblem;
import io.jric.core.internal.http.HttpRequest;
import io.jric.core.internal.http.HttpResponse;
import io.jric.core.internal.http.Router;

/**
 * A1-ML routes under {@code /A1-ML/v1} (jRIC's own REST shape: O-RAN has not published a REST
 * API for A1-ML model delivery; see docs/a1.md).
 */
final class A1mlApi {
    static final String BASE = "/A1-ML/v1";
    /** The admin API's read-only view of the model registry. */
    static final String ADMIN = "/ric/v1/models";

    private final ModelRegistry models;
    private final int maxModelBytes;
    private RetrainJobs retrain;

    A1mlApi(ModelRegistry models, int maxModelBytes) {
        this.models = models;
        this.maxModelBytes = maxModelBytes;
    }

    void register(Router r) {
        String model = BASE + "/xapps/{xapp}/models/{model}";
        r.put(model + "/versions/{version}", maxModelBytes, this::upload)
                .get(model + "/versions/{version}", req -> HttpResponse.ok(
                        models.version(req.pathParam("xapp"), req.pathParam("model"), req.pathParam("version"))))
                .get(model, req -> HttpResponse.ok(models.describe(req.pathParam("xapp"), req.pathParam("model"))))
                .post(model + "/activate", this::activate)
                .post(model + "/rollback", req -> HttpResponse.ok(models.rollback(req.pathParam("xapp"), req.pathParam("model"))))
                // Retraining from experience (issue #15, item 3): A1-ML and the admin API (its token).
                .post(model + "/retrain", this::retrain)
                .get(model + "/retrain/{job}", req -> HttpResponse.ok(jobs().job(req.pathParam("xapp"), req.pathParam("model"), req.pathParam("job"))))
                .post(ADMIN + "/{xapp}/{model}/retrain", this::retrain)
                .get(ADMIN + "/{xapp}/{model}/retrain/{job}", req -> HttpResponse.ok(
                        jobs().job(req.pathParam("xapp"), req.pathParam("model"), req.pathParam("job"))))
                // Retraining started by a schedule or by drift (issue #15, item 3): the model's retraining policy.
                .put(model + "/retrain-policy", 64 * 1024, this::putRetrainPolicy)
                .get(model + "/retrain-policy", req -> HttpResponse.ok(triggers().get(req.pathParam("xapp"), req.pathParam("model"))))
                .delete(model + "/retrain-policy", this::deleteRetrainPolicy)
                .put(ADMIN + "/{xapp}/{model}/retrain-policy", 64 * 1024, this::putRetrainPolicy)
                .get(ADMIN + "/{xapp}/{model}/retrain-policy", req -> HttpResponse.ok(triggers().get(req.pathParam("xapp"), req.pathParam("model"))))
                .delete(ADMIN + "/{xapp}/{model}/retrain-policy", this::deleteRetrainPolicy)
                // Canary: the version serves a share of the cells, judged against the active one, promoted or rolled back.
                .post(model + "/canary", req -> {
                    req.requireContentType("application/json");
                    return HttpResponse.ok(models.startCanary(req.pathParam("xapp"), req.pathParam("model"), CanaryPlan.parse(req.jsonTree())));
                })
                .delete(model + "/canary", req -> HttpResponse.ok(models.stopCanary(req.pathParam("xapp"), req.pathParam("model"))))
                .get(model + "/audit", req -> HttpResponse.ok(models.auditLog(req.pathParam("xapp"), req.pathParam("model"))))
                .get(ADMIN + "/{xapp}/{model}/audit", req -> HttpResponse.ok(models.auditLog(req.pathParam("xapp"), req.pathParam("model"))))
                // The same records on the admin API (its token, not A1's): the registry with lineage and gate figures.
                .get(ADMIN + "/{xapp}/{model}", req -> HttpResponse.ok(models.describe(req.pathParam("xapp"), req.pathParam("model"))))
                .get(ADMIN + "/{xapp}/{model}/versions/{version}", req -> HttpResponse.ok(
                        models.version(req.pathParam("xapp"), req.pathParam("model"), req.pathParam("version"))))
                .delete(model + "/versions/{version}", req -> {
                    models.delete(req.pathParam("xapp"), req.pathParam("model"), req.pathParam("version"));
                    return HttpResponse.noContent();
                });
    }

    private HttpResponse upload(HttpRequest req) {
        req.requireContentType("application/octet-stream");
        String xapp = req.pathParam("xapp");
        String model = req.pathParam("model");
        String version = req.pathParam("version");
        var meta = models.upload(xapp, model, version, req.body(), req.query("sha256").orElse(null),
                req.query("format").orElse(null), req.query("inputFeatures").orElse(null),
                req.header("X-Model-Signature").or(() -> req.query("signature")).orElse(null),
                req.header("X-Model-Lineage").orElse(null), uploadedBy(req));
        return HttpResponse.created(BASE + "/xapps/" + xapp + "/models/" + model + "/versions/" + version, meta);
    }

    /**
     * Who uploaded, as far as the RIC knows: the bearer token's fingerprint (first 12 hex digits of its
     * SHA-256; never the token) and the client's address, or "anonymous" without a token.
     */
    static String uploadedBy(HttpRequest req) {
        String h = req.header("Authorization").orElse("").trim();
        String who = h.length() > 7 && h.substring(0, 7).equalsIgnoreCase("bearer ")
                ? "token:" + ModelRegistry.sha256(h.substring(7).trim().getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 12)
                : "anonymous";
        var addr = req.remoteAddress();
        return addr == null ? who : who + "@" + addr.getAddress().getHostAddress();
    }

    /** The retraining jobs (set by A1Service). */
    A1mlApi retrainJobs(RetrainJobs jobs) {
        this.retrain = jobs;
        return this;
    }

    private RetrainTriggers triggers;

    /** The retraining triggers (set by A1Service). */
    A1mlApi retrainTriggers(RetrainTriggers t) {
        this.triggers = t;
        return this;
    }

    private RetrainTriggers triggers() {
        if (triggers == null) throw HttpProblem.serviceUnavailable("retraining triggers are not available on this RIC process");
        return triggers;
    }

    private HttpResponse putRetrainPolicy(HttpRequest req) {
        req.requireContentType("application/json");
        return HttpResponse.ok(triggers().put(req.pathParam("xapp"), req.pathParam("model"), req.jsonTree()));
    }

    private HttpResponse deleteRetrainPolicy(HttpRequest req) {
        triggers().delete(req.pathParam("xapp"), req.pathParam("model"));
        return HttpResponse.noContent();
    }

    private RetrainJobs jobs() {
        if (retrain == null) throw HttpProblem.serviceUnavailable("retraining is not available on this RIC process");
        return retrain;
    }

    /**
     * {@code POST .../retrain} with an optional body {@code {"seed": 7, "mode": "auto|central|federated", "rounds": 5,
     * "localEpochs": 6, "canary": {plan}}} (all optional): starts a retraining job; 202 with the job, whose state
     * {@code GET .../retrain/{job}} follows. With {@code canary} (a canary plan without {@code version} and {@code force})
     * the new version goes through the gate into a canary with that plan instead of being activated.
     */
    private HttpResponse retrain(HttpRequest req) {
        return HttpResponse.json(202, jobs().start(req.pathParam("xapp"), req.pathParam("model"), retrainRequest(req), uploadedBy(req)));
    }

    /** The retraining request of a body (400 naming the field). */
    static RetrainJobs.Request retrainRequest(HttpRequest req) {
        long seed = 1;
        String mode = RetrainJobs.MODE_AUTO;
        int rounds = FederatedRetraining.DEFAULT_ROUNDS;
        int epochs = FederatedRetraining.DEFAULT_LOCAL_EPOCHS;
        CanaryPlan canary = null;
        if (req.body().length > 0) {
            req.requireContentType("application/json");
            JsonNode body = req.jsonTree();
            if (!body.isObject()) {
                throw HttpProblem.badRequest("body: " + body + " (expected: {\"seed\": <integer>, \"mode\": \"auto|central|federated\", "
                        + "\"rounds\": 1..50, \"localEpochs\": 1..100, \"canary\": {plan}} or nothing)");
            }
            for (java.util.Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!java.util.Set.of("seed", "mode", "rounds", "localEpochs", "canary").contains(f)) {
                    throw HttpProblem.badRequest(f + ": (expected: absent; the body takes seed, mode, rounds, localEpochs, canary)");
                }
            }
            JsonNode s = body.get("seed");
            if (s != null) {
                if (!s.isIntegralNumber() || !s.canConvertToLong()) throw HttpProblem.badRequest("seed: " + s + " (expected: an integer)");
                seed = s.longValue();
            }
            JsonNode m = body.get("mode");
            if (m != null) {
                if (!m.isTextual() || !java.util.Set.of(RetrainJobs.MODE_AUTO, RetrainJobs.MODE_CENTRAL, RetrainJobs.MODE_FEDERATED)
                        .contains(m.asText())) {
                    throw HttpProblem.badRequest("mode: " + m + " (expected: \"auto\", \"central\" or \"federated\")");
                }
                mode = m.asText();
            }
            rounds = intField(body, "rounds", 1, 50, rounds);
            epochs = intField(body, "localEpochs", 1, 100, epochs);
            if (body.has("canary")) canary = CanaryPlan.parseForRetraining(body.get("canary"));
        }
        return new RetrainJobs.Request(seed, mode, rounds, epochs, canary);
    }

    private static int intField(JsonNode body, String name, int min, int max, int dflt) {
        JsonNode n = body.get(name);
        if (n == null) return dflt;
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
            throw HttpProblem.badRequest(name + ": " + n + " (expected: an integer " + min + ".." + max + ")");
        }
        return n.intValue();
    }

    private HttpResponse activate(HttpRequest req) {
        req.requireContentType("application/json");
        JsonNode body = req.jsonTree();
        JsonNode v = body.get("version");
        if (v == null || !v.isTextual()) throw HttpProblem.badRequest("version: missing (expected: {\"version\": \"<version>\"})");
        JsonNode force = body.get("force");
        if (force != null && !force.isBoolean()) throw HttpProblem.badRequest("force: " + force + " (expected: true or false)");
        return HttpResponse.ok(models.activate(req.pathParam("xapp"), req.pathParam("model"), v.asText(), false,
                force != null && force.booleanValue()));
    }
}
