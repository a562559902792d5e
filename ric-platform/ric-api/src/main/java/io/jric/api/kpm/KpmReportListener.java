package io.jric.api.kpm;

/**
 * Receives decoded KPM reports of one E2 subscription. Called on the E2 transport thread:
 * implementations must return at once (hand the report to a queue), never block.
 */
@FunctionalInterface
public interface KpmReportListener {
    /** One decoded indication. */
    void report(KpmReport report);
}
