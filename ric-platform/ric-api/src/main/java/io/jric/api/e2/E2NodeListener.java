package io.jric.api.e2;

/** Hears of E2 node (dis)connections. Called on an E2 thread: return quickly. */
@FunctionalInterface
public interface E2NodeListener {
    /** Called once per event. */
    void event(E2NodeEvent event);
}
