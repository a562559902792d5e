package io.jric.server;

import io.jric.a1.A1Service;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.grid.XappRecord;
import io.jric.core.internal.http.HttpResponse;
import io.jric.core.internal.http.Router;
import io.jric.core.internal.xapp.XappHost;
import io.jric.core.internal.xapp.XappManager;
import io.jric.e2.E2Termination;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Probes for orchestrators and load balancers, without authentication: {@code GET /healthz} (the
 * process answers: 200 "ok") and {@code GET /readyz} (200 when the grid node is joined and has not
 * failed, E2 is listening, the installed xApps are restored and each has a running instance, and A1
 * has their policy types; else 503). Both answer JSON naming each check and, when not ready, why.
 */
final class HealthApi {
    static final String HEALTHZ = "/healthz";
    static final String READYZ = "/readyz";

    private final RicGrid grid;
    private final E2Termination e2;
    private final XappManager xapps;
    private final A1Service a1;

    HealthApi(RicGrid grid, E2Termination e2, XappManager xapps, A1Service a1) {
        this.grid = grid;
        this.e2 = e2;
        this.xapps = xapps;
        this.a1 = a1;
    }

    Router register(Router r) {
        return r.get(HEALTHZ, req -> HttpResponse.text(200, "ok\n"))
                .get(READYZ, req -> {
                    Readiness now = readiness();
                    return HttpResponse.json(now.ready ? 200 : 503, now.body);
                });
    }

    /** A readiness answer and when it was computed. */
    private record Readiness(boolean ready, Map<String, Object> body, long atNanos) {
    }

    /** How long an answer is reused: /readyz takes no token, and its xApp check asks every grid server. */
    private static final long REUSE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    private volatile Readiness last;
    private final java.util.concurrent.atomic.AtomicBoolean computing = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * The readiness, computed at most once a second and by one request at a time: a flood of unauthenticated
     * probes costs one grid query a second, and no request waits behind another's query (it gets the last
     * answer; the very first ones compute, or answer not ready while another does).
     */
    Readiness readiness() {
        Readiness r = last;
        long now = System.nanoTime();
        if (r != null && now - r.atNanos < REUSE_NANOS) return r;
        if (!computing.compareAndSet(false, true)) {
            if (r != null) return r;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ready", false);
            body.put("notReady", Map.of("checks", "being computed by another request"));
            return new Readiness(false, body, now);
        }
        try {
            Map<String, String> notReady = new LinkedHashMap<>();
            Map<String, Object> checks = checks(notReady);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ready", notReady.isEmpty());
            body.put("checks", checks);
            if (!notReady.isEmpty()) body.put("notReady", notReady);
            Readiness fresh = new Readiness(notReady.isEmpty(), body, System.nanoTime());
            last = fresh;
            return fresh;
        } finally {
            computing.set(false);
        }
    }

    /** Runs every check; fills {@code notReady} with what is not ready and why. */
    Map<String, Object> checks(Map<String, String> notReady) {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean gridOk = check(checks, notReady, "grid", () -> {
            if (grid.failed()) return "the grid node failed: " + grid.failureReason();
            if (!grid.ignite().cluster().state().active()) return "the grid cluster is not active";
            if (grid.serverCount() < 1) return "not joined to a grid cluster";
            return null;
        });
        check(checks, notReady, "e2", () -> e2.listening() ? null : "the E2 server is not listening");
        if (!gridOk) {
            checks.put("xapps", false);
            notReady.put("xapps", "unknown while the grid is not ready");
        } else {
            check(checks, notReady, "xapps", () -> {
                if (!xapps.restored()) return "the installed xApps are not restored yet";
                Set<String> running = new TreeSet<>();
                for (XappHost.InstanceStatus s : xapps.statusAll()) {
                    if ("running".equals(s.state)) running.add(s.xapp);
                }
                Set<String> missing = new TreeSet<>();
                for (XappRecord rec : xapps.list()) if (!running.contains(rec.name())) missing.add(rec.name());
                return missing.isEmpty() ? null : "no running instance of " + String.join(", ", missing);
            });
        }
        check(checks, notReady, "a1", () -> a1.ready() ? null : "A1 policy types are not registered yet");
        return checks;
    }

    private interface Check {
        /** @return null when ready, else why not */
        String run() throws Exception;
    }

    private static boolean check(Map<String, Object> checks, Map<String, String> notReady, String name, Check c) {
        String why;
        try {
            why = c.run();
        } catch (Exception e) {
            why = "check failed: " + e;
        }
        checks.put(name, why == null);
        if (why != null) notReady.put(name, why);
        return why == null;
    }
}
