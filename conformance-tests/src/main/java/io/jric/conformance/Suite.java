package io.jric.conformance;

import java.util.Map;

/**
 * The cases of one interface against one kind of target: the code behind catalogue ids. The
 * same case id can have one implementation per target kind (as grpc-java's abstract interop
 * suite runs one set of cases over several transports).
 */
public interface Suite extends AutoCloseable {
    /** The catalogue suite: {@code e2}, {@code descriptor}, {@code xapp} (later {@code a1}). */
    String suite();

    /** The kind of target this implementation checks. */
    TargetKind target();

    /** Case id to code, for every case this implementation has. */
    Map<String, CaseBody> cases();

    /** Releases what the suite opened (servers, sandboxes); the default does nothing. */
    @Override
    default void close() {}
}
