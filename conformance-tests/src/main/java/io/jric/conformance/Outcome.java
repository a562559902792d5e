package io.jric.conformance;

/** The result of one case. */
public enum Outcome {
    /** The target conforms. */
    PASS,
    /** The target does not conform (or the case broke, or timed out). */
    FAIL,
    /** A precondition is not met; the case did not run to a verdict. */
    SKIP,
    /** The case is in the catalogue but has no code yet: listed, not run. */
    NOT_RUN
}
