package io.jric.api.e2;

/** How a RIC Control ended. */
public enum ControlStatus {
    /** The node acknowledged the control (RIC Control Acknowledge). */
    ACK,
    /** The node refused or failed it (RIC Control Failure); the cause says why. */
    FAILURE,
    /** No answer within the timeout. */
    TIMEOUT,
    /** The RIC did not send it: unknown or disconnected node, unknown RAN function, bad request. */
    REFUSED,
    /** Another control for the same target won arbitration. */
    CONFLICT
}
