package io.jric.a1;

import io.jric.a1.TypeRegistry.Declared;
import io.jric.api.xapp.descriptor.PolicyTypeSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.http.HttpProblem;
import io.jric.core.internal.http.HttpRequest;
import io.jric.core.internal.http.Router;
import io.jric.core.internal.xapp.XappHost;
import io.jric.core.internal.xapp.XappManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The RIC's A1 interface for policies: the O-RAN A1-P v2 REST API under {@code /A1-P/v2} and
 * O-RAN SC's A1 mediator flavour under {@code /a1-p}, over one store.
 *
 * <p>Policy types come from the installed xApps' descriptors, from operators (O-RAN SC
 * {@code PUT /a1-p/policytypes/{id}}) and one built-in type, {@value #GUARDRAILS_TYPE}. Instances
 * are validated against their type's JSON Schema, delivered to every xApp that provides the type
 * (their answers make the instance's status), kept in the grid and in a durable file store, and
 * delivered again whenever an instance of a providing xApp starts. Status changes are POSTed to
 * the instance's {@code notificationDestination}. See {@code a1-policy/README.md} and
 * {@code docs/a1.md}.
 *
 * <pre>{@code
 * A1Service a1 = A1Service.start(grid, xappManager, xappHost, A1Settings.builder().tokens("s3cret").build());
 * Router router = a1.register(new Router());   // plus the other APIs of the process
 * RicHttpServer http = RicHttpServer.start(httpSettings, router);
 * }</pre>
 *
 * <p>Start it before {@link XappManager#restore()} (or after: it catches up with the xApps already
 * installed). Thread-safe.
 */
public final class A1Service implements AutoCloseable {
    /** Id of the built-in guard-rails policy type. */
    public static final String GUARDRAILS_TYPE = "jric.guardrails.v1";
    /** Class-path resource of the OpenAPI 3 document of what this service serves. */
    public static final String OPENAPI_RESOURCE = "/io/jric/a1/jric-a1-openapi.yaml";

    private static final Logger LOG = Logger.getLogger(A1Service.class.getName());

    private final A1Settings settings;
    private final PolicyEngine engine;
    private final TypeRegistry types;
    private final Notifier notifier;
    private final ExecutorService lifecycle;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String openApi;
    private ModelRegistry models;
    private RetrainJobs retrain;
    private RetrainTriggers triggers;
    private io.jric.core.internal.http.BearerTokenFilter auth;
    private XappManager xapps;

    private A1Service(A1Settings settings, PolicyEngine engine, TypeRegistry types, Notifier notifier) {
        this.settings = settings;
        this.engine = engine;
        this.types = types;
        this.notifier = notifier;
        // One thread: xApp lifecycle events are handled in the order they happened, off the caller's thread.
        this.lifecycle = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "a1-lifecycle");
            t.setDaemon(true);
            return t;
        });
        this.openApi = loadOpenApi();
    }

    /**
     * Starts the service: creates its grid caches, reloads the durable store into a grid that has no
     * A1 state, rewrites the guard rails of stored guard-rail policies, hooks into the xApp
     * lifecycle and delivers the stored policies to the xApps already installed (asynchronously).
     *
     * @param grid the RIC's grid node
     * @param xapps the xApp manager (policy types come from its descriptors; it delivers policies)
     * @param host the local xApp host (told when an xApp instance starts)
     * @param settings the settings
     * @return the running service
     */
    public static A1Service start(RicGrid grid, XappManager xapps, XappHost host, A1Settings settings) {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(xapps, "xapps");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(settings, "settings");
        PolicyStore store = new PolicyStore(grid, new FileStore(settings.storeDir()));
        store.reloadIfGridEmpty();
        TypeRegistry types = new TypeRegistry(xapps, store);
        Notifier notifier = new Notifier(settings.callbackTimeout());
        PolicyEngine engine = new PolicyEngine(xapps, types, store, notifier, new GuardRailPolicies(grid),
                settings.deliveryTimeout());
        A1Service a1 = new A1Service(settings, engine, types, notifier);
        a1.store = store;
        a1.models = new ModelRegistry(grid, xapps, settings);
        a1.retrain = new RetrainJobs(a1.models, xapps, grid);
        a1.triggers = new RetrainTriggers(grid, a1.models, a1.retrain, RetrainTriggers.TICK_MS);
        a1.xapps = xapps;
        a1.auth = new io.jric.core.internal.http.BearerTokenFilter("jric-a1",
                java.util.List.of(A1pApi.BASE, OscApi.BASE, A1mlApi.BASE),
                java.util.Set.of(OscApi.BASE + "/healthcheck", A1pApi.BASE + "/openapi.yaml"), settings.tokens(),
                "tokens are configured in a1.tokens; a1.auth=off turns A1 authentication off, for development and tests "
                + "only, as ./ric demo does");
        if (settings.authMode() == A1Settings.AuthMode.OFF) {
            LOG.warning("A1 authentication is OFF (development flag): anyone who reaches the HTTP port can change policies");
        } else if (settings.tokens().isEmpty()) {
            LOG.warning("A1 authentication uses bearer tokens but none is configured: every A1 request will be refused");
        }
        a1.hook(xapps, host);
        a1.submit("resync", engine::resyncAll);
        return a1;
    }

    private void hook(XappManager xapps, XappHost host) {
        xapps.addListener(new XappManager.Listener() {
            @Override
            public void installed(XappDescriptor d) {
                List<Declared> declared = d.policyTypes().stream()
                        .map(p -> new Declared(d.name(), p.id(), p.name(), p.description().orElse(null),
                                Records.tree(p.schemaJson()), p.defaultInstanceJson().map(Records::tree).orElse(null)))
                        .toList();
                submit("installed " + d.name(), () -> engine.xappInstalled(d.name(), declared));
            }

            @Override
            public void removed(XappDescriptor d) {
                List<String> ids = d.policyTypes().stream().map(PolicyTypeSpec::id).toList();
                submit("removed " + d.name(), () -> engine.xappRemoved(d.name(), ids));
            }
        });
        host.addStartListener(name -> submit("started " + name, () -> engine.xappStarted(name)));
        host.addStartListener(name -> submit("models for " + name, () -> models.xappStarted(name)));
    }

    private void submit(String what, Runnable task) {
        if (closed.get()) return;
        try {
            lifecycle.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "A1: handling \"" + what + "\" failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            if (!closed.get()) LOG.warning("A1: \"" + what + "\" dropped: " + e.getMessage());
        }
    }

    /**
     * Adds the A1 routes and the authentication filter to a router. The filter only looks at
     * {@code /A1-P/v2/...} and {@code /a1-p/...} requests (other APIs on the same router are left
     * alone); {@code GET /a1-p/healthcheck} and {@code GET /A1-P/v2/openapi.yaml} are open so probes
     * and tools work without a token.
     *
     * @param r the router
     * @return the same router
     */
    public Router register(Router r) {
        r.observe(this::count);
        r.filter(this::authenticate);
        r.filter(this::requireReady);
        new A1pApi(engine, types, settings.maxPolicyBytes(), openApi).register(r);
        new OscApi(engine, types, settings.maxPolicyBytes()).register(r);
        new A1mlApi(models, settings.maxModelBytes()).retrainJobs(retrain).retrainTriggers(triggers).register(r);
        return r;
    }

    /**
     * Until the xApps of the durable store are installed again ({@link XappManager#restore()}), their
     * policy types are unknown: a 404 then would tell an A1 client (ONAP's PMS deletes its policies on
     * a 4xx in its synchronisation) that types and instances are gone. So every A1 request but the
     * OpenAPI document answers 503 with {@code Retry-After: 1} until then.
     */
    private void requireReady(HttpRequest req) {
        if (xapps.restored()) return;
        String p = req.path();
        String bare = p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        if (bare.equals(A1pApi.BASE + "/openapi.yaml")) return;
        for (String base : List.of(A1pApi.BASE, OscApi.BASE, A1mlApi.BASE)) {
            if (bare.equals(base) || bare.startsWith(base + "/")) {
                throw HttpProblem.serviceUnavailable("A1 is starting: the installed xApps are not restored yet, so their "
                        + "policy types and models are not known; retry shortly").withHeader("Retry-After", "1");
            }
        }
    }

    private void authenticate(HttpRequest req) {
        if (settings.authMode() == A1Settings.AuthMode.OFF) return;
        auth.apply(req);
    }

    private static String loadOpenApi() {
        try (InputStream in = A1Service.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A1 requests answered, by "METHOD STATUS" (e.g. "PUT 201"); bounded by methods x statuses. */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> requests =
            new java.util.concurrent.ConcurrentHashMap<>();

    private void count(HttpRequest req, int status) {
        String p = req.path();
        for (String base : List.of(A1pApi.BASE, OscApi.BASE, A1mlApi.BASE)) {
            if (p.equals(base) || p.startsWith(base + "/")) {
                requests.computeIfAbsent(req.method() + " " + status, k -> new java.util.concurrent.atomic.LongAdder())
                        .increment();
                return;
            }
        }
    }

    /**
     * A1 requests answered so far (A1-P, O-RAN SC and A1-ML paths, also those refused by
     * authentication), by method and status.
     *
     * @return a copy, keyed by method then status
     */
    public java.util.Map<String, java.util.Map<Integer, Long>> requestCounts() {
        java.util.Map<String, java.util.Map<Integer, Long>> out = new java.util.TreeMap<>();
        requests.forEach((k, v) -> {
            int sp = k.indexOf(' ');
            out.computeIfAbsent(k.substring(0, sp), m -> new java.util.TreeMap<>())
                    .put(Integer.parseInt(k.substring(sp + 1)), v.sum());
        });
        return out;
    }

    /**
     * Policy instances per type, every known type included (0 when it has none), also instances
     * of types no one provides right now.
     *
     * @return type id to number of instances
     */
    public java.util.Map<String, Long> policyInstanceCounts() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (String t : types.all().keySet()) out.put(t, 0L);
        out.putAll(store.instanceCounts());
        return out;
    }

    /**
     * One policy instance and its A1 status, as the operator's dashboard shows it.
     *
     * @param typeId the policy type
     * @param policyId the instance id
     * @param enforced the A1 status: ENFORCED or NOT_ENFORCED
     * @param reason why not enforced ("" when enforced)
     * @param updatedAtMs when the instance or its status last changed
     */
    public record PolicyInstanceView(String typeId, String policyId, boolean enforced, String reason, long updatedAtMs) {}

    /**
     * Policy instances of every type with their status (grid-wide), ordered by type then id; at most
     * {@code max} of them.
     *
     * @param max the most instances returned
     * @return the instances
     */
    /**
     * One step of a model's life from A1-ML's audit log (gate refusals, canaries started, rolled back, promoted),
     * as the operator's dashboard shows it.
     */
    public record ModelAuditView(String xapp, String model, long atMs, String event, String version, String reason) {}

    /** The newest audit entries of every model (grid-wide), newest first; at most {@code max}. */
    public java.util.List<ModelAuditView> modelAudit(int max) {
        return models == null ? java.util.List.of() : models.recentAudit(max);
    }

    public java.util.List<PolicyInstanceView> policyInstances(int max) {
        java.util.List<PolicyInstanceView> out = new java.util.ArrayList<>();
        for (Records.PolicyRecord r : store.allPolicies()) {
            if (out.size() >= max) break;
            out.add(new PolicyInstanceView(r.typeId(), r.policyId(), r.enforced(), r.reason(), r.updatedAt()));
        }
        return out;
    }

    /**
     * Whether A1 serves: not closed, and the installed xApps are restored, so their policy types are
     * registered (until then A1 requests answer 503).
     *
     * @return true when ready
     */
    public boolean ready() {
        return !closed.get() && xapps.restored();
    }

    /** @return the settings the service runs with */
    public A1Settings settings() {
        return settings;
    }

    /** @return status notifications delivered (the destination answered 2xx) */
    public long notificationsSent() {
        return notifier.sent();
    }

    /** @return status notifications that failed (error, timeout, non-2xx answer, or dropped) */
    public long notificationFailures() {
        return notifier.failed();
    }

    /**
     * Waits until the xApp lifecycle events handed to the service so far have been handled
     * (for tests and orderly shutdown).
     *
     * @param timeoutMillis bound on the wait
     * @return true if they were handled in time
     */
    public boolean awaitIdle(long timeoutMillis) {
        if (closed.get()) return true;
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        try {
            lifecycle.execute(() -> done.complete(null));
            done.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops handling xApp events and notifications; the state stays in the grid and the store. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        lifecycle.shutdownNow();
        if (models != null) models.close();
        try {
            lifecycle.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        notifier.close();
        if (triggers != null) triggers.close();
        if (retrain != null) retrain.close();
        if (store != null) store.close();
    }

    private PolicyStore store;

    /** Waits until this process's durable store holds every A1 change heard so far (tests). */
    public void flushStore() throws InterruptedException {
        store.flush();
    }
}
