package io.jric.conformance;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One catalogue entry: what a case checks, against which kinds of target, with which reference
 * to the specification, and whether code for it exists yet.
 *
 * @param id            stable id, e.g. {@code E2-SETUP-001}; never reused for another check
 * @param title         one line
 * @param suite         {@code e2}, {@code a1}, {@code descriptor} or {@code xapp}
 * @param targets       the target kinds the case applies to
 * @param reference     the E2AP procedure and section, A1AP path and code, or descriptor schema field
 * @param preconditions what the target must offer for the case to run (else it is skipped, saying which)
 * @param steps         per target kind, what the harness does
 * @param expected      per target kind, what conforms
 * @param status        {@code implemented} or {@code planned} (planned cases are listed, never run)
 */
public record CaseSpec(String id, String title, String suite, List<TargetKind> targets, String reference,
                       List<String> preconditions, Map<TargetKind, List<String>> steps,
                       Map<TargetKind, String> expected, Status status) {
    /** Whether code exists for a case. */
    public enum Status {
        IMPLEMENTED, PLANNED
    }

    public CaseSpec {
        Objects.requireNonNull(id, "id");
        targets = List.copyOf(targets);
        preconditions = List.copyOf(preconditions);
        steps = Map.copyOf(steps);
        expected = Map.copyOf(expected);
    }

    public boolean implemented() {
        return status == Status.IMPLEMENTED;
    }

    public boolean appliesTo(TargetKind kind) {
        return targets.contains(kind);
    }
}
