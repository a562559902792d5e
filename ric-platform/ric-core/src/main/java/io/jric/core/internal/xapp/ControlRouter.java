package io.jric.core.internal.xapp;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.e2.E2ControlService;
import io.jric.api.xapp.descriptor.ControlAction;
import io.jric.api.xapp.descriptor.ControlSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.grid.ControlLogEntry;
import io.jric.core.internal.grid.GuardRail;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.ignite.IgniteCache;

/**
 * Every xApp control passes here: the xApp must have declared the control (and stay inside its
 * declared range), the operator's guard rails must allow it, and when two xApps steer the same
 * parameter of the same cell or UE within the arbitration window the higher priority wins (on a
 * tie, the one that came first). Refusals and conflicts are answered at once and logged in the
 * grid's control log; allowed controls go to the E2 termination, which logs their outcome.
 */
public final class ControlRouter {
    private final E2ControlService e2;
    private final GuardRails guardRails;
    private final ControlLog log;
    private final long windowNanos;
    private final Duration timeout;
    private final ConcurrentHashMap<String, Claim> claims = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder guardRailHits = new LongAdder();
    /** Controls refused because another xApp held the parameter (also counted in {@link #conflicts}). */
    private final LongAdder heldConflicts = new LongAdder();
    /** The clock of claims and leases (System::nanoTime; a fake one in tests). */
    private final java.util.function.LongSupplier clock;
    /**
     * Cell-configuration parameters held by ownership (see {@link #ownership}): none until configured, so a
     * router built without it arbitrates exactly as before.
     */
    private volatile java.util.Set<ControlAction> owned = java.util.EnumSet.noneOf(ControlAction.class);
    private volatile long ownershipLeaseNanos;
    /** Claims outlive their window in the map until swept: every this many routed controls (a power of two). */
    private static final int SWEEP_EVERY = 1024;
    private final java.util.concurrent.atomic.AtomicLong routed = new java.util.concurrent.atomic.AtomicLong();

    /** A request, already typed by the SDK. */
    public static final class Request {
        final ControlAction action;
        final String nodeId;
        final String target;
        final double value;
        final RcControlHeader header;
        final RcControlMessage message;
        final long holdNanos;

        /** What is controlled. */
        public ControlAction action() {
            return action;
        }

        /**
         * @param action what is controlled
         * @param nodeId the node to send it to
         * @param target the cell id, or {@code ue:<id>} for UE-scoped actions
         * @param value the value set (dBm, dB, 1/0 for sleep, the target cell's NCI for handover)
         */
        public Request(ControlAction action, String nodeId, String target, double value,
                       RcControlHeader header, RcControlMessage message) {
            this(action, nodeId, target, value, header, message, 0);
        }

        /**
         * A request that, when allowed, also holds its parameter for {@code holdNanos} (0: only the
         * arbitration window) against xApps of equal or lower priority, until released or the lease ends.
         */
        public Request(ControlAction action, String nodeId, String target, double value,
                       RcControlHeader header, RcControlMessage message, long holdNanos) {
            if (holdNanos < 0) throw new IllegalArgumentException("holdNanos must be >= 0, was " + holdNanos);
            this.holdNanos = holdNanos;
            this.action = Objects.requireNonNull(action, "action");
            this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
            this.target = Objects.requireNonNull(target, "target");
            this.value = value;
            this.header = Objects.requireNonNull(header, "header");
            this.message = Objects.requireNonNull(message, "message");
        }
    }

    /** Who holds a parameter, until when, and whether as a hold (a lease) or only for the window. */
    private static final class Claim {
        final String xapp;
        final int priority;
        final long atNanos;
        final long untilNanos;
        final boolean hold;
        final double value;
        final long untilMillis;

        Claim(String xapp, int priority, long atNanos, long untilNanos, boolean hold, double value) {
            this.xapp = xapp;
            this.priority = priority;
            this.atNanos = atNanos;
            this.untilNanos = untilNanos;
            this.hold = hold;
            this.value = value;
            this.untilMillis = System.currentTimeMillis() + (untilNanos - atNanos) / 1_000_000;
        }

        boolean expired(long now) {
            return now - untilNanos >= 0;
        }
    }

    public ControlRouter(E2ControlService e2, GuardRails guardRails, IgniteCache<Long, ControlLogEntry> log,
                         Duration window, Duration timeout) {
        this(e2, guardRails, log, window, timeout, System::nanoTime);
    }

    /** A router on the given clock (nanoseconds, as {@link System#nanoTime}): tests move time by hand. */
    ControlRouter(E2ControlService e2, GuardRails guardRails, IgniteCache<Long, ControlLogEntry> log,
                  Duration window, Duration timeout, java.util.function.LongSupplier clock) {
        this(e2, guardRails, Objects.requireNonNull(log, "log")::putAsync, window, timeout, clock);
    }

    /**
     * A router outside a grid: its decisions go to {@code log}, its windows and leases run on {@code clock}
     * (nanoseconds, as {@link System#nanoTime}). For hosts that step a simulated network in simulated time (the joint
     * evaluation of the handover and load-balancing xApps, docs/evaluation.md): the same arbitration and ownership as
     * in a RIC, on the simulation's clock.
     */
    public ControlRouter(E2ControlService e2, GuardRails guardRails, ControlLog log, Duration window, Duration timeout,
                         java.util.function.LongSupplier clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.e2 = Objects.requireNonNull(e2, "e2");
        this.guardRails = Objects.requireNonNull(guardRails, "guardRails");
        this.log = Objects.requireNonNull(log, "log");
        this.windowNanos = window.toNanos();
        this.timeout = timeout;
    }

    /**
     * Ownership of cell-configuration parameters: for these actions the xApp whose control the node
     * acknowledged holds the parameter (action and cell) for {@code lease} (or the lease it asked for with
     * {@code holding}), renewed by each of its own acknowledged controls, until it releases the cell, is
     * removed, or the lease lapses. Another xApp's control of a held parameter is answered {@code CONFLICT}
     * before it reaches the node unless its priority is higher (a takeover, logged for the holder). While a
     * control of such a parameter is in flight, its claim lasts until the node answers (at least the
     * control timeout), so no second writer slips in between. An empty set turns ownership off.
     */
    public void ownership(java.util.Set<ControlAction> actions, Duration lease) {
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(lease, "lease");
        if (!actions.isEmpty() && (lease.isNegative() || lease.isZero())) {
            throw new IllegalArgumentException("ownership lease must be > 0, was " + lease);
        }
        ownershipLeaseNanos = lease.toNanos();
        owned = actions.isEmpty() ? java.util.EnumSet.noneOf(ControlAction.class) : java.util.EnumSet.copyOf(actions);
    }

    /** The actions held by ownership (empty: none). */
    public java.util.Set<ControlAction> ownedActions() {
        return java.util.Collections.unmodifiableSet(owned);
    }

    /** Routes one control of an xApp; the future never fails. */
    public CompletableFuture<ControlOutcome> route(XappDescriptor xapp, Request r) {
        String actionName = r.action.jsonName();
        ControlSpec declared = null;
        for (ControlSpec c : xapp.controls()) {
            if (c.action() == r.action) declared = c;
        }
        if (declared == null) {
            return reject(xapp, r, ControlStatus.REFUSED, "xApp " + xapp.name() + " did not declare the control "
                    + actionName + " in its descriptor (declared: " + declaredList(xapp) + ")");
        }
        for (double value : boundedValues(r)) {
            if (declared.min().isPresent() && value < declared.min().get()
                    || declared.max().isPresent() && value > declared.max().get()) {
                return reject(xapp, r, ControlStatus.REFUSED, actionName + " " + value + " is outside the range the "
                        + "descriptor declares (" + declared.min().map(String::valueOf).orElse("-inf") + ".."
                        + declared.max().map(String::valueOf).orElse("+inf") + ")");
            }
            String rail = guardRails.check(r.action, r.target, value);
            if (rail != null) {
                guardRailHits.increment();
                return reject(xapp, r, ControlStatus.REFUSED, "guard rail: " + rail);
            }
        }
        Forwarder f = forwarder;
        if (f != null) {
            // A node held by another RIC process: that process's router arbitrates and sends.
            CompletableFuture<ControlOutcome> there = f.forward(xapp.name(), xapp.priority(), r);
            if (there != null) return there;
        }
        return arbitrateAndSend(xapp.name(), xapp.priority(), r);
    }

    /**
     * The values the descriptor's range and the guard rails bound: the request's value, and for the
     * inter-frequency thresholds also threshold 1 when the control sets it as an A5 threshold (a value
     * >= 0 there means A4: no threshold on the serving cell).
     */
    private static double[] boundedValues(Request r) {
        if (r.action == ControlAction.INTER_FREQUENCY_THRESHOLD && r.message.hasInterFrequency()
                && r.message.getInterFrequency().hasThreshold1Dbm() && r.message.getInterFrequency().getThreshold1Dbm() < 0) {
            return new double[] {r.value, r.message.getInterFrequency().getThreshold1Dbm()};
        }
        return new double[] {r.value};
    }

    /**
     * Arbitration within the window and the send to the E2 termination, for a control that passed
     * the descriptor and guard-rail checks (here or, when forwarded, in the xApp's own process).
     */
    CompletableFuture<ControlOutcome> arbitrateAndSend(String xappName, int priority, Request r) {
        String actionName = r.action.jsonName();
        String key = actionName + "@" + r.target;
        long now = clock.getAsLong();
        if ((routed.incrementAndGet() & (SWEEP_EVERY - 1)) == 0) claims.values().removeIf(c -> c.expired(now));
        boolean ownedAction = owned.contains(r.action);
        boolean hold = r.holdNanos > 0;
        // an owned parameter's claim lasts until the node answers (the hold itself starts with the acknowledgement)
        long claimNanos = ownedAction ? Math.max(Math.max(windowNanos, r.holdNanos), timeout.toNanos() + windowNanos)
                : Math.max(windowNanos, r.holdNanos);
        Claim mine = new Claim(xappName, priority, now, now + claimNanos, hold, r.value);
        Claim[] lost = new Claim[1];
        Claim[] preempted = new Claim[1];
        Claim[] before = new Claim[1];
        claims.compute(key, (k, held) -> {
            if (held == null || held.expired(now)) return mine;
            if (ownedAction && held.xapp.equals(mine.xapp)) {
                before[0] = held;  // what the xApp keeps if the node does not take this one
                return mine;
            }
            if (held.xapp.equals(mine.xapp)) {
                // The holder renews: a hold it still has lasts at least as long as before.
                return held.hold && !hold && held.untilNanos - mine.untilNanos > 0
                        ? new Claim(xappName, priority, now, held.untilNanos, true, r.value) : mine;
            }
            if (mine.priority > held.priority) {
                if (held.hold) preempted[0] = held;
                if (ownedAction) before[0] = held;  // the node refusing the takeover leaves the holder's value in force
                return mine;
            }
            lost[0] = held;
            return held;
        });
        if (lost[0] != null) {
            Claim w = lost[0];
            long leftMs = Math.max(0, (w.untilNanos - now) / 1_000_000);
            if (w.hold) heldConflicts.increment();
            return reject(xappName, r, ControlStatus.CONFLICT, actionName + " of " + r.target + " is held by xApp "
                    + w.xapp + " (priority " + w.priority + ", yours " + priority + ") for another " + leftMs + " ms"
                    + (w.hold ? " (a hold: until it is released or its lease ends; value " + w.value + ")"
                              : ownedAction ? " (its control is with the node; the node's answer decides whether it holds it)"
                              : " of the " + windowNanos / 1_000_000 + " ms arbitration window"));
        }
        if (preempted[0] != null) {
            Claim p = preempted[0];
            conflicts.increment();
            logOutcome(p.xapp, r, ControlStatus.CONFLICT, "hold of " + actionName + " " + r.target + " taken over by xApp "
                    + xappName + " (priority " + priority + ", the holder's " + p.priority + ")");
        }
        CompletableFuture<ControlOutcome> sent = e2.control(r.nodeId, r.header, r.message, timeout, xappName);
        if (!ownedAction) return sent;
        Claim previous = before[0];
        return sent.thenApply(o -> {
            owned(key, mine, previous, r, o);
            return o;
        });
    }

    /**
     * The node answered a control of an owned parameter: acknowledged, its xApp holds the parameter for the
     * lease (renewed when it held it already); otherwise whoever held it before keeps it (the xApp itself, or the
     * holder a higher-priority control tried to take it from), if anyone did (a window claim from the control's
     * time otherwise). Nothing changes when the claim is no longer this control's (a
     * newer control of the same xApp, a release, a takeover).
     */
    private void owned(String key, Claim mine, Claim previous, Request r, ControlOutcome o) {
        long now = clock.getAsLong();
        claims.computeIfPresent(key, (k, c) -> {
            if (c != mine) return c;
            if (o.status() == ControlStatus.ACK) {
                long lease = r.holdNanos > 0 ? r.holdNanos : ownershipLeaseNanos;
                return new Claim(mine.xapp, mine.priority, now, now + Math.max(lease, windowNanos), true, r.value);
            }
            if (previous != null && !previous.expired(now)) return previous;
            Claim window = new Claim(mine.xapp, mine.priority, mine.atNanos, mine.atNanos + windowNanos, false, mine.value);
            return window.expired(now) ? null : window;
        });
    }

    /**
     * Releases what an xApp holds on a target here and, for nodes held by other RIC processes, there
     * (their routers arbitrate those nodes' controls). Returns how many holds it released here.
     */
    public int releaseEverywhere(String xappName, String nodeId, String target) {
        int n = release(xappName, nodeId, target);
        Forwarder f = forwarder;
        if (f != null) f.release(xappName, nodeId, target);
        return n;
    }

    /**
     * Releases what an xApp holds on a target (a cell id, or {@code ue:<id>}): every action's hold and
     * window claim there; logged as {@code RELEASED} in the control log. Returns how many it released.
     */
    public int release(String xappName, String nodeId, String target) {
        Objects.requireNonNull(xappName, "xappName");
        Objects.requireNonNull(target, "target");
        int[] n = {0};
        long now = clock.getAsLong();
        claims.entrySet().removeIf(e -> {
            Claim c = e.getValue();
            if (!c.xapp.equals(xappName) || !e.getKey().endsWith("@" + target)) return false;
            if (c.hold && !c.expired(now)) {
                n[0]++;
                String action = e.getKey().substring(0, e.getKey().length() - target.length() - 1);
                log.put(ControlLogEntry.newKey(), new ControlLogEntry(System.currentTimeMillis(), nodeId == null ? "" : nodeId,
                        action + " " + target, "RELEASED", "hold released by xApp " + xappName, 0, xappName));
            }
            return true;
        });
        return n[0];
    }

    /** Sends controls for nodes held by another RIC process to that process's router. */
    public interface Forwarder {
        /** The outcome from the process holding the node, or null when this process holds it (or none does). */
        CompletableFuture<ControlOutcome> forward(String xappName, int priority, Request r);

        /** Tells the other RIC processes' routers to release what the xApp holds on the target. */
        default void release(String xappName, String nodeId, String target) {
        }
    }

    private volatile Forwarder forwarder;

    /** Sets the forwarder for nodes held elsewhere in the grid (null: every control is sent from here). */
    public void forwarder(Forwarder f) {
        this.forwarder = f;
    }

    /** The control timeout this router gives the E2 termination. */
    Duration timeout() {
        return timeout;
    }

    private static String declaredList(XappDescriptor xapp) {
        StringBuilder b = new StringBuilder();
        for (ControlSpec c : xapp.controls()) {
            if (b.length() > 0) b.append(", ");
            b.append(c.action().name().toLowerCase(Locale.ROOT));
        }
        return b.length() == 0 ? "none" : b.toString();
    }

    private CompletableFuture<ControlOutcome> reject(XappDescriptor xapp, Request r, ControlStatus status, String why) {
        return reject(xapp.name(), r, status, why);
    }

    private CompletableFuture<ControlOutcome> reject(String xappName, Request r, ControlStatus status, String why) {
        (status == ControlStatus.CONFLICT ? conflicts : refused).increment();
        logOutcome(xappName, r, status, why);
        return CompletableFuture.completedFuture(new ControlOutcome(status, r.nodeId, why, null, 0));
    }

    /** Writes a decision made here (not by the E2 termination) to the control log. */
    void logOutcome(String xappName, Request r, ControlStatus status, String why) {
        log.put(ControlLogEntry.newKey(), new ControlLogEntry(System.currentTimeMillis(), r.nodeId,
                r.action.name().toLowerCase(Locale.ROOT) + " " + r.target + " " + value(r), status.name(), why, 0, xappName));
    }

    private static String value(Request r) {
        switch (r.action) {
            case TX_POWER: return r.value + " dBm";
            case CELL_INDIVIDUAL_OFFSET: case A3_HYSTERESIS: case INTER_FREQUENCY_OFFSET: return r.value + " dB";
            case INTER_FREQUENCY_THRESHOLD: return r.value + " dBm";
            case A3_TIME_TO_TRIGGER: return (long) r.value + " ms";
            case CELL_SLEEP: return r.value != 0 ? "sleep" : "wake";
            case HANDOVER: return "to nci " + (long) r.value;
            default: return String.valueOf(r.value);
        }
    }

    /** Controls refused so far (undeclared, out of range, guard rail). */
    public long refused() {
        return refused.sum();
    }

    /** Controls refused by a guard rail so far (also counted in {@link #refused()}). */
    public long guardRailHits() {
        return guardRailHits.sum();
    }

    /** Controls that lost arbitration so far. */
    public long conflicts() {
        return conflicts.sum();
    }

    /** Controls refused because another xApp held the parameter (a hold or owned), so far; part of {@link #conflicts()}. */
    public long heldConflicts() {
        return heldConflicts.sum();
    }

    /** Parameters held now (holds, owned parameters included; not window claims). */
    public int holds() {
        long now = clock.getAsLong();
        int n = 0;
        for (Claim c : claims.values()) if (c.hold && !c.expired(now)) n++;
        return n;
    }

    /** Forgets the claims of an xApp that was removed, so it holds nothing any more. */
    public void release(String xappName) {
        claims.values().removeIf(c -> c.xapp.equals(xappName));
    }

    /** Where the router writes the decisions it makes itself (the grid's control log in a RIC). */
    @FunctionalInterface
    public interface ControlLog {
        void put(long key, ControlLogEntry entry);
    }

    /** Guard rails from the grid, kept current by a continuous query. */
    public interface GuardRails {
        /** Null when allowed, else the rule that forbids it. */
        String check(ControlAction action, String target, double value);
    }

    /**
     * Guard rails from the {@code ric.guardrails} cache (scope {@code *} or a cell id), read from a
     * local copy that a continuous query keeps current, so a control costs no grid round trip.
     * Close the returned object's query with {@link LiveGuardRails#close()}.
     */
    public static LiveGuardRails fromCache(IgniteCache<String, GuardRail> cache) {
        return new LiveGuardRails(cache);
    }

    /** Guard rails mirrored from the grid. */
    public static final class LiveGuardRails implements GuardRails, AutoCloseable {
        private final ConcurrentHashMap<String, GuardRail> rails = new ConcurrentHashMap<>();
        private final org.apache.ignite.cache.query.QueryCursor<javax.cache.Cache.Entry<String, GuardRail>> cursor;

        LiveGuardRails(IgniteCache<String, GuardRail> cache) {
            org.apache.ignite.cache.query.ContinuousQuery<String, GuardRail> q = new org.apache.ignite.cache.query.ContinuousQuery<>();
            q.setLocalListener(events -> {
                for (javax.cache.event.CacheEntryEvent<? extends String, ? extends GuardRail> e : events) {
                    if (e.getEventType() == javax.cache.event.EventType.REMOVED
                            || e.getEventType() == javax.cache.event.EventType.EXPIRED) {
                        rails.remove(e.getKey());
                    } else {
                        rails.put(e.getKey(), e.getValue());
                    }
                }
            });
            q.setInitialQuery(new org.apache.ignite.cache.query.ScanQuery<>());
            cursor = cache.query(q);
            for (javax.cache.Cache.Entry<String, GuardRail> e : cursor) rails.putIfAbsent(e.getKey(), e.getValue());
        }

        @Override
        public String check(ControlAction action, String target, double value) {
            if (rails.isEmpty()) return null;
            for (String scope : new String[] {target, "*"}) {
                GuardRail g = rails.get(scope);
                if (g == null) continue;
                String why = violation(g, scope, action, value);
                if (why != null) return why;
            }
            return null;
        }

        @Override
        public void close() {
            cursor.close();
        }
    }

    private static String violation(GuardRail g, String scope, ControlAction action, double value) {
        String where = scope.equals("*") ? "every cell" : "cell " + scope;
        switch (action) {
            case TX_POWER:
                if (g.txPowerMaxDbm() != null && value > g.txPowerMaxDbm()) {
                    return "Tx power ceiling " + g.txPowerMaxDbm() + " dBm on " + where + " (set by " + g.setBy() + ")";
                }
                if (g.txPowerMinDbm() != null && value < g.txPowerMinDbm()) {
                    return "Tx power floor " + g.txPowerMinDbm() + " dBm on " + where + " (set by " + g.setBy() + ")";
                }
                return null;
            case CELL_INDIVIDUAL_OFFSET:
                if (g.cioMaxAbsDb() != null && Math.abs(value) > g.cioMaxAbsDb()) {
                    return "CIO limit +/-" + g.cioMaxAbsDb() + " dB on " + where + " (set by " + g.setBy() + ")";
                }
                return null;
            case CELL_SLEEP:
                if (Boolean.FALSE.equals(g.sleepAllowed()) && value != 0) {
                    return "cell sleep not allowed on " + where + " (set by " + g.setBy() + ")";
                }
                return null;
            case HANDOVER:
                if (Boolean.FALSE.equals(g.handoverAllowed())) {
                    return "RIC handovers not allowed on " + where + " (set by " + g.setBy() + ")";
                }
                return null;
            case A3_HYSTERESIS:
                return range("A3 hysteresis", "dB", g.a3HysteresisMinDb(), g.a3HysteresisMaxDb(), value, where, g);
            case A3_TIME_TO_TRIGGER:
                return range("A3 time to trigger", "ms", g.a3TimeToTriggerMinMs(), g.a3TimeToTriggerMaxMs(), value, where, g);
            case INTER_FREQUENCY_OFFSET:
                if (g.interFrequencyOffsetMaxAbsDb() != null && Math.abs(value) > g.interFrequencyOffsetMaxAbsDb()) {
                    return "inter-frequency offset limit +/-" + g.interFrequencyOffsetMaxAbsDb() + " dB on " + where
                            + " (set by " + g.setBy() + ")";
                }
                return null;
            case INTER_FREQUENCY_THRESHOLD:
                return range("inter-frequency threshold", "dBm", g.interFrequencyThresholdMinDbm(),
                        g.interFrequencyThresholdMaxDbm(), value, where, g);
            default:
                return null;
        }
    }

    private static String range(String what, String unit, Double min, Double max, double value, String where, GuardRail g) {
        if (max != null && value > max) return what + " ceiling " + max + " " + unit + " on " + where + " (set by " + g.setBy() + ")";
        if (min != null && value < min) return what + " floor " + min + " " + unit + " on " + where + " (set by " + g.setBy() + ")";
        return null;
    }

    /** A parameter held now: by whom, with which priority and value, until when, and whether as a hold. */
    public record Held(String parameter, String xapp, int priority, double value, boolean hold, long remainingMs,
                       long untilEpochMs) {
    }

    /** The parameters held now (holds and window claims), for the admin API, sorted by parameter. */
    public java.util.List<Held> held() {
        java.util.List<Held> out = new java.util.ArrayList<>();
        long now = clock.getAsLong();
        for (Map.Entry<String, Claim> e : claims.entrySet()) {
            Claim c = e.getValue();
            if (c.expired(now)) continue;
            out.add(new Held(e.getKey(), c.xapp, c.priority, c.value, c.hold, (c.untilNanos - now) / 1_000_000, c.untilMillis));
        }
        out.sort(java.util.Comparator.comparing(Held::parameter));
        return out;
    }

    /** The claims held now: parameter to xApp. */
    public Map<String, String> claims() {
        Map<String, String> m = new java.util.TreeMap<>();
        for (Held h : held()) m.put(h.parameter(), h.xapp());
        return m;
    }
}
