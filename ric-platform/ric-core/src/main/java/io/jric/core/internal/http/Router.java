package io.jric.core.internal.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Routes and filters of one HTTP API.
 *
 * <p>Paths are matched segment by segment, case-sensitively, on the request target decoded and
 * checked once by {@link RequestTarget} (which refuses {@code ..}, {@code //}, {@code %2F} and other
 * ambiguous forms with 400): a literal segment must equal the request's decoded segment, a {@code {name}} segment matches any one non-empty segment and
 * becomes a path parameter. A trailing slash on the request is tolerated. When several routes
 * match, the one with a literal segment at the first position where they differ wins, so
 * {@code /xapps/stats} beats {@code /xapps/{name}}. A path that matches some route but not with the
 * request's method yields 405 with {@code Allow}; no match at all yields 404.
 *
 * <p>Configure a router completely before passing it to {@link RicHttpServer#start}; it cannot be
 * changed afterwards.
 */
public final class Router {
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final int DEFAULT_LIMIT = -1;

    private final List<Route> routes = new ArrayList<>();
    private final List<Filter> filters = new ArrayList<>();
    private final List<ResponseObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean frozen;
    private volatile Snapshot snapshot;

    /** A router with no routes. */
    public Router() {}

    /** @param path route pattern @param handler the handler @return this router */
    public Router get(String path, Handler handler) {
        return add("GET", path, DEFAULT_LIMIT, handler);
    }

    /** @param path route pattern @param handler the handler @return this router */
    public Router put(String path, Handler handler) {
        return add("PUT", path, DEFAULT_LIMIT, handler);
    }

    /**
     * @param path route pattern
     * @param maxBodyBytes body limit of this route, overriding the server's
     * @param handler the handler
     * @return this router
     */
    public Router put(String path, int maxBodyBytes, Handler handler) {
        return add("PUT", path, checkLimit(maxBodyBytes), handler);
    }

    /** @param path route pattern @param handler the handler @return this router */
    public Router post(String path, Handler handler) {
        return add("POST", path, DEFAULT_LIMIT, handler);
    }

    /**
     * @param path route pattern
     * @param maxBodyBytes body limit of this route, overriding the server's
     * @param handler the handler
     * @return this router
     */
    public Router post(String path, int maxBodyBytes, Handler handler) {
        return add("POST", path, checkLimit(maxBodyBytes), handler);
    }

    /** @param path route pattern @param handler the handler @return this router */
    public Router patch(String path, Handler handler) {
        return add("PATCH", path, DEFAULT_LIMIT, handler);
    }

    /**
     * @param path route pattern
     * @param maxBodyBytes body limit of this route, overriding the server's
     * @param handler the handler
     * @return this router
     */
    public Router patch(String path, int maxBodyBytes, Handler handler) {
        return add("PATCH", path, checkLimit(maxBodyBytes), handler);
    }

    /** @param path route pattern @param handler the handler @return this router */
    public Router delete(String path, Handler handler) {
        return add("DELETE", path, DEFAULT_LIMIT, handler);
    }

    /**
     * Adds a filter; filters run in the order added, before the handler of every matched route.
     *
     * @param filter the filter
     * @return this router
     */
    public synchronized Router filter(Filter filter) {
        checkNotFrozen();
        filters.add(Objects.requireNonNull(filter, "filter"));
        return this;
    }

    /**
     * Told the status of every answered request that reached a route (also when a filter refused
     * it), for example to count requests by status. Runs on the connection's I/O thread just before
     * the response is written: it must be quick and must not block or throw.
     */
    @FunctionalInterface
    public interface ResponseObserver {
        /** @param request the request @param status the response status */
        void responded(HttpRequest request, int status);
    }

    /**
     * Adds a response observer.
     *
     * @param observer the observer
     * @return this router
     */
    public synchronized Router observe(ResponseObserver observer) {
        checkNotFrozen();
        observers.add(Objects.requireNonNull(observer, "observer"));
        return this;
    }

    void responded(HttpRequest request, int status) {
        for (ResponseObserver o : observers) {
            try {
                o.responded(request, status);
            } catch (RuntimeException ignored) {
                // an observer's failure must not break the response
            }
        }
    }

    private synchronized Router add(String method, String path, int maxBody, Handler handler) {
        checkNotFrozen();
        Objects.requireNonNull(handler, "handler");
        Route r = Route.parse(method, path, maxBody, handler);
        for (Route o : routes) {
            if (o.method.equals(method) && o.sameShape(r)) {
                throw new IllegalArgumentException(method + " " + path + " clashes with " + o.method + " " + o.pattern);
            }
        }
        routes.add(r);
        return this;
    }

    private static int checkLimit(int maxBodyBytes) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be > 0, was " + maxBodyBytes);
        }
        return maxBodyBytes;
    }

    private void checkNotFrozen() {
        if (frozen) {
            throw new IllegalStateException("router is in use by a server and can no longer change");
        }
    }

    synchronized void freeze() {
        frozen = true;
        snapshot = new Snapshot(List.copyOf(routes), List.copyOf(filters));
    }

    private Snapshot snapshot() {
        Snapshot s = snapshot;
        if (s == null) {
            synchronized (this) {
                s = new Snapshot(List.copyOf(routes), List.copyOf(filters));
            }
        }
        return s;
    }

    List<Filter> filters() {
        return snapshot().filters;
    }

    /** @return the largest per-route body limit, or {@code defaultLimit} if larger */
    int maxBodyLimit(int defaultLimit) {
        int max = defaultLimit;
        for (Route r : snapshot().routes) {
            max = Math.max(max, r.maxBody);
        }
        return max;
    }

    /**
     * Matches a request.
     *
     * @param method request method
     * @param rawPath request target as sent (still percent-encoded; a query is ignored)
     * @return the result
     * @throws HttpProblem 400 if the path is malformed (see {@link RequestTarget})
     */
    Match match(String method, String rawPath) {
        return match(method, RequestTarget.parse(rawPath));
    }

    /**
     * Matches a request whose target has been decoded and checked.
     *
     * @param method request method
     * @param target the request target
     * @return the result
     */
    Match match(String method, RequestTarget target) {
        String[] segs = target.segments().toArray(new String[0]);
        Route best = null;
        Map<String, String> bestParams = null;
        Set<String> allow = null;
        for (Route r : snapshot().routes) {
            Map<String, String> params = r.match(segs);
            if (params == null) {
                continue;
            }
            if (!r.method.equals(method)) {
                if (allow == null) {
                    allow = new TreeSet<>();
                }
                allow.add(r.method);
                continue;
            }
            if (best == null || r.moreSpecificThan(best)) {
                best = r;
                bestParams = params;
            }
        }
        if (best != null) {
            return new Match(best, Map.copyOf(bestParams), Set.of());
        }
        return new Match(null, Map.of(), allow == null ? Set.of() : allow);
    }

    private record Snapshot(List<Route> routes, List<Filter> filters) {}

    /** Result of {@link #match}: a route, or none plus the methods the path allows (empty: 404). */
    record Match(Route route, Map<String, String> params, Set<String> allowed) {}

    /** One registered route. */
    static final class Route {
        final String method;
        final String pattern;
        /** Literal segments; {@code null} where the pattern has a parameter. */
        final String[] literals;
        final String[] paramNames;
        /** Body limit, or -1 for the server default. */
        final int maxBody;
        final Handler handler;

        private Route(String method, String pattern, String[] literals, String[] paramNames, int maxBody,
                Handler handler) {
            this.method = method;
            this.pattern = pattern;
            this.literals = literals;
            this.paramNames = paramNames;
            this.maxBody = maxBody;
            this.handler = handler;
        }

        static Route parse(String method, String pattern, int maxBody, Handler handler) {
            Objects.requireNonNull(pattern, "path");
            if (!pattern.startsWith("/")) {
                throw new IllegalArgumentException("route path must start with '/': " + pattern);
            }
            String p = pattern.length() > 1 && pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
            String[] segs = p.equals("/") ? new String[0] : p.substring(1).split("/", -1);
            String[] literals = new String[segs.length];
            String[] names = new String[segs.length];
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < segs.length; i++) {
                String s = segs[i];
                if (s.isEmpty()) {
                    throw new IllegalArgumentException("empty segment in route path: " + pattern);
                }
                var m = PARAM.matcher(s);
                if (m.matches()) {
                    if (!seen.add(m.group(1))) {
                        throw new IllegalArgumentException("duplicate parameter {" + m.group(1) + "} in " + pattern);
                    }
                    names[i] = m.group(1);
                } else if (s.indexOf('{') >= 0 || s.indexOf('}') >= 0) {
                    throw new IllegalArgumentException("a parameter must be a whole segment like {name}: " + pattern);
                } else {
                    literals[i] = s;
                }
            }
            return new Route(method, pattern, literals, names, maxBody, handler);
        }

        Map<String, String> match(String[] segs) {
            if (segs == null || segs.length != literals.length) {
                return null;
            }
            Map<String, String> params = null;
            for (int i = 0; i < segs.length; i++) {
                if (literals[i] != null) {
                    if (!literals[i].equals(segs[i])) {
                        return null;
                    }
                } else {
                    if (segs[i].isEmpty()) {
                        return null;
                    }
                    if (params == null) {
                        params = new LinkedHashMap<>();
                    }
                    params.put(paramNames[i], segs[i]);
                }
            }
            return params == null ? Map.of() : params;
        }

        boolean moreSpecificThan(Route o) {
            for (int i = 0; i < literals.length; i++) {
                boolean mine = literals[i] != null;
                boolean theirs = o.literals[i] != null;
                if (mine != theirs) {
                    return mine;
                }
            }
            return false;
        }

        boolean sameShape(Route o) {
            if (literals.length != o.literals.length) {
                return false;
            }
            for (int i = 0; i < literals.length; i++) {
                if (!Objects.equals(literals[i], o.literals[i])) {
                    return false;
                }
            }
            return true;
        }
    }
}
