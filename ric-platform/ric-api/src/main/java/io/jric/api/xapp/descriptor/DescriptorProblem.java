package io.jric.api.xapp.descriptor;

import java.util.Objects;

/**
 * One thing wrong with an xApp descriptor: the field, as a JSON pointer into the descriptor
 * ({@code /controls/0/action}; {@code /} for the document as a whole), and what was found there
 * versus what is expected, e.g. {@code 0 (expected: >= 1 for placement spread)}.
 */
public final class DescriptorProblem {
    private final String field;
    private final String message;

    /**
     * @param field JSON pointer of the offending field ({@code /} for the whole document)
     * @param message what was found and what is expected
     */
    public DescriptorProblem(String field, String message) {
        this.field = Objects.requireNonNull(field, "field");
        this.message = Objects.requireNonNull(message, "message");
    }

    /** JSON pointer of the offending field, e.g. {@code /deployment/instances}; {@code /} for the whole document. */
    public String field() {
        return field;
    }

    /** What was found and what is expected, without the field, e.g. {@code "cell" (expected: "ue" for handover)}. */
    public String message() {
        return message;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DescriptorProblem
                && ((DescriptorProblem) o).field.equals(field)
                && ((DescriptorProblem) o).message.equals(message);
    }

    @Override
    public int hashCode() {
        return 31 * field.hashCode() + message.hashCode();
    }

    /** {@code field: message}, e.g. {@code /name: missing (required)}. */
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
