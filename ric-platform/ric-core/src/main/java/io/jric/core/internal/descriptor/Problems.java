package io.jric.core.internal.descriptor;

import io.jric.api.xapp.descriptor.DescriptorException;
import io.jric.api.xapp.descriptor.DescriptorProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects descriptor problems, in a stable order, without duplicates. */
final class Problems {
    private final Set<DescriptorProblem> problems = new LinkedHashSet<>();
    private final Set<String> fields = new java.util.HashSet<>();
    private final boolean descriptorOrder;

    /** Problems reported in descriptor field order (the schema's order), array items by index. */
    Problems() {
        this(true);
    }

    /** @param descriptorOrder true to sort by descriptor field order, false to keep the order they were added in */
    Problems(boolean descriptorOrder) {
        this.descriptorOrder = descriptorOrder;
    }

    void add(String field, String message) {
        String f = field.isEmpty() ? "/" : field;
        problems.add(new DescriptorProblem(f, message));
        fields.add(f);
    }

    /** Adds a problem unless the field (or one of its parents) already has one. */
    void addIfFieldClean(String field, String message) {
        if (!hasProblemAt(field)) add(field, message);
    }

    boolean hasProblemAt(String field) {
        String f = field;
        while (!f.isEmpty()) {
            if (fields.contains(f)) return true;
            f = f.substring(0, f.lastIndexOf('/'));
        }
        return false;
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<DescriptorProblem> sorted() {
        List<DescriptorProblem> list = new ArrayList<>(problems);
        if (descriptorOrder) list.sort(Comparator.comparing(DescriptorProblem::field, Problems::comparePointers));
        return list;
    }

    void throwIfAny(String source) {
        if (!problems.isEmpty()) throw new DescriptorException(source, sorted());
    }

    /** JSON pointers in document-ish order: segment by segment, array indices numerically. */
    static int comparePointers(String a, String b) {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = 0;
            if (i == 1) c = Integer.compare(rank(x[i]), rank(y[i]));
            if (c != 0) return c;
            if (isIndex(x[i]) && isIndex(y[i])) c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
            else c = x[i].compareTo(y[i]);
            if (c != 0) return c;
        }
        return Integer.compare(x.length, y.length);
    }

    /** Top-level descriptor fields in the order the schema (and the docs) list them. */
    private static final List<String> FIELD_ORDER = List.of("schemaVersion", "name", "version", "vendor",
            "sdkApiVersion", "description", "entry", "priority", "deployment", "queueCapacity", "subscriptions",
            "controls", "policyTypes", "models", "config");

    private static int rank(String topLevelField) {
        int i = FIELD_ORDER.indexOf(topLevelField);
        return i < 0 ? FIELD_ORDER.size() : i;
    }

    private static boolean isIndex(String s) {
        if (s.isEmpty() || s.length() > 9) return false;
        for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return false;
        return true;
    }
}
