/**
 * The RIC's E2 termination: E2 nodes connect over the gRPC {@code E2TerminationService}
 * (one bidirectional stream of E2AP PDUs per node, as one SCTP association would be).
 *
 * <p>Start with {@link io.jric.e2.E2Termination}: it serves the stream, runs E2 Setup,
 * Reset, RIC Service Update, E2 Node Configuration Update and Error Indication, keeps RIC
 * Subscriptions (re-made when a node reconnects), decodes indications once into the grid and
 * sends RIC Control with ack, failure or timeout returned to the caller.
 */
package io.jric.e2;
