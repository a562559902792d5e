package io.jric.api.xapp.descriptor;

import java.util.List;

/**
 * An xApp descriptor (or a file being imported as one) is invalid. Carries every problem found, not
 * only the first; {@link #getMessage()} lists them one per line.
 */
public class DescriptorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final transient List<DescriptorProblem> problems;

    /**
     * @param source where the descriptor came from (a file path), or null if it was given as text
     * @param problems every problem found; at least one
     */
    public DescriptorException(String source, List<DescriptorProblem> problems) {
        super(format(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** @param problems every problem found; at least one */
    public DescriptorException(List<DescriptorProblem> problems) {
        this(null, problems);
    }

    /** Where the descriptor came from (a file path), or null if it was given as text. */
    public String source() {
        return source;
    }

    /** Every problem found, in document order where known. */
    public List<DescriptorProblem> problems() {
        return problems;
    }

    private static String format(String source, List<DescriptorProblem> problems) {
        if (problems.isEmpty()) throw new IllegalArgumentException("a DescriptorException needs at least one problem");
        StringBuilder sb = new StringBuilder();
        sb.append("invalid xApp descriptor");
        if (source != null) sb.append(' ').append(source);
        sb.append(" (").append(problems.size()).append(problems.size() == 1 ? " problem)" : " problems)");
        for (DescriptorProblem p : problems) sb.append('\n').append(p);
        return sb.toString();
    }
}
