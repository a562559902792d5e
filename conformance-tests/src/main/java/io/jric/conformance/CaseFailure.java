package io.jric.conformance;

/** A case found the target not conforming; the message says what was expected and what came. */
public final class CaseFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CaseFailure(String message) {
        super(message, null, false, false);
    }
}
