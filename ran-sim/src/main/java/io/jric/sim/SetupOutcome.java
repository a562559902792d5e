package io.jric.sim;

import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.E2SetupFailure;
import io.jric.proto.e2.v1.E2SetupResponse;

/**
 * The RIC's answer to one E2 Setup Request: exactly one of {@code response} and {@code failure} is set.
 *
 * @param response the E2SetupResponse, or {@code null}
 * @param failure  the E2SetupFailure, or {@code null}
 */
public record SetupOutcome(E2SetupResponse response, E2SetupFailure failure) {

    /** Whether the RIC accepted the setup. */
    public boolean accepted() {
        return response != null;
    }

    /** The failure cause, or {@code null} if the setup was accepted. */
    public Cause cause() {
        return failure == null ? null : failure.getCause();
    }
}
