package io.jric.core.internal.descriptor;

import io.jric.api.xapp.descriptor.XappDescriptor;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of importing a foreign xApp description: the descriptor, and one line per source item
 * saying how it was carried over ({@link #mapped()}), what was guessed to carry it over
 * ({@link #assumed()}), or why it was dropped ({@link #notMapped()}).
 */
public final class ImportResult {
    private final XappDescriptor descriptor;
    private final List<String> mapped;
    private final List<String> assumed;
    private final List<String> notMapped;

    /**
     * @param descriptor the imported descriptor (valid)
     * @param mapped one line per source item carried over as written (normalizations named)
     * @param assumed one line per item carried over with a guess the source cannot confirm
     * @param notMapped one line per source item that was dropped, with the reason
     */
    public ImportResult(XappDescriptor descriptor, List<String> mapped, List<String> assumed, List<String> notMapped) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.mapped = List.copyOf(mapped);
        this.assumed = List.copyOf(assumed);
        this.notMapped = List.copyOf(notMapped);
    }

    /** The imported descriptor; it passed {@link DescriptorParser} checks. */
    public XappDescriptor descriptor() {
        return descriptor;
    }

    /** One line per item carried over, e.g. {@code version "1.2" -> version "1.2.0" (normalized to MAJOR.MINOR.PATCH)}. */
    public List<String> mapped() {
        return mapped;
    }

    /** One line per item carried over with a guess, e.g. the KPM subscription an {@code RIC_INDICATION} implies. */
    public List<String> assumed() {
        return assumed;
    }

    /** One line per source item that was dropped, e.g. {@code containers: ... (reason)}. */
    public List<String> notMapped() {
        return notMapped;
    }

    /** A report: the mapped lines, the assumed lines, then the dropped (not mapped) lines. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("imported ").append(descriptor).append('\n');
        mapped.forEach(m -> sb.append("  mapped:     ").append(m).append('\n'));
        assumed.forEach(m -> sb.append("  assumed:    ").append(m).append('\n'));
        notMapped.forEach(m -> sb.append("  not mapped: ").append(m).append('\n'));
        return sb.toString();
    }
}
