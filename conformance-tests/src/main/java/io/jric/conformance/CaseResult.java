package io.jric.conformance;

import java.util.List;

/**
 * One case's result.
 *
 * @param spec       the catalogue entry
 * @param target     the kind of target it ran against
 * @param outcome    pass, fail, skip or not run
 * @param durationMs wall time of the case
 * @param message    why it failed or was skipped (empty on pass)
 * @param transcript what was sent and received, one line each
 */
public record CaseResult(CaseSpec spec, TargetKind target, Outcome outcome, long durationMs, String message,
                         List<String> transcript) {
    public CaseResult {
        message = message == null ? "" : message;
        transcript = List.copyOf(transcript);
    }
}
