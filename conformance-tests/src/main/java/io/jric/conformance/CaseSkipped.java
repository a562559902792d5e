package io.jric.conformance;

/** A case could not run because the target does not meet a precondition (named in the message). */
public final class CaseSkipped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CaseSkipped(String message) {
        super(message, null, false, false);
    }
}
