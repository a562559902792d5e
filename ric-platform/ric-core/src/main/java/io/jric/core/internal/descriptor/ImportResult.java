package io.jric.core.internal.descriptor;

import io.jric.api.xapp.descriptor.XappDescriptor;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of importing a foreign xApp description: the descriptor, and one line per source
 * field saying how it was mapped (with any assumption made) or why it was not.
 */
public final class ImportResult {
    private final XappDescriptor descriptor;
    private final List<String> mapped;
    private final List<String> notMapped;

    /**
     * @param descriptor the imported descriptor (valid)
     * @param mapped one line per mapped source field: what it became, and any assumption or drift
     * @param notMapped one line per source field that has no equivalent, with the reason
     */
    public ImportResult(XappDescriptor descriptor, List<String> mapped, List<String> notMapped) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.mapped = List.copyOf(mapped);
        this.notMapped = List.copyOf(notMapped);
    }

    /** The imported descriptor; it passed {@link DescriptorParser} checks. */
    public XappDescriptor descriptor() {
        return descriptor;
    }

    /** One line per mapped source field, e.g. {@code version: "1.0" -> "1.0.0" (normalized to MAJOR.MINOR.PATCH)}. */
    public List<String> mapped() {
        return mapped;
    }

    /** One line per source field that was left out, e.g. {@code containers: ... (reason)}. */
    public List<String> notMapped() {
        return notMapped;
    }

    /** A report: the mapped lines, then the not-mapped lines. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("imported ").append(descriptor).append('\n');
        mapped.forEach(m -> sb.append("  mapped:     ").append(m).append('\n'));
        notMapped.forEach(m -> sb.append("  not mapped: ").append(m).append('\n'));
        return sb.toString();
    }
}
