package io.jric.conformance;

/** The code of one case. Throws {@link CaseFailure} (or any exception) to fail, {@link CaseSkipped} to skip. */
@FunctionalInterface
public interface CaseBody {
    void run(CaseContext ctx) throws Exception;
}
