/**
 * The E2 side of the RIC as xApps and operators see it.
 *
 * <ul>
 *   <li>{@link io.jric.api.e2.E2NodeService}: which E2 nodes are connected, with their RAN functions;
 *       {@link io.jric.api.e2.E2NodeListener} to hear of (dis)connections.</li>
 *   <li>{@link io.jric.api.e2.E2SubscriptionService}: RIC Subscriptions, kept across node reconnects.</li>
 *   <li>{@link io.jric.api.e2.E2ControlService}: RIC Control with the node's outcome delivered
 *       asynchronously as a {@link io.jric.api.e2.ControlOutcome}.</li>
 * </ul>
 */
package io.jric.api.e2;
