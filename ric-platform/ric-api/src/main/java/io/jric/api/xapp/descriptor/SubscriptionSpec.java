package io.jric.api.xapp.descriptor;

import java.util.List;
import java.util.Objects;

/** An E2 subscription the platform makes on the xApp's behalf; reports are delivered to its instances. */
public final class SubscriptionSpec {

    /** Which report style to request. */
    public enum Style {
        /** Cell-level measurements (E2SM-KPM report style 1). */
        CELL("cell", 1),
        /** Cell- and UE-level measurements (E2SM-KPM report style 4). */
        CELL_AND_UE("cell-and-ue", 4);

        private final String jsonName;
        private final int kpmReportStyle;

        Style(String jsonName, int kpmReportStyle) {
            this.jsonName = jsonName;
            this.kpmReportStyle = kpmReportStyle;
        }

        /** The name used in the descriptor JSON. */
        public String jsonName() {
            return jsonName;
        }

        /** The E2SM-KPM RIC report style type this maps to. */
        public int kpmReportStyle() {
            return kpmReportStyle;
        }

        /**
         * The style with the given JSON name.
         *
         * @throws IllegalArgumentException if there is none
         */
        public static Style fromJsonName(String name) {
            for (Style s : values()) if (s.jsonName.equals(name)) return s;
            throw new IllegalArgumentException("unknown subscription style: " + name);
        }
    }

    /** The wildcard node selector: every connected E2 node that offers the service model. */
    public static final String ALL_NODES = "*";

    private final String serviceModel;
    private final int reportPeriodMs;
    private final Style style;
    private final List<String> nodes;
    private final List<String> cells;

    /**
     * @param serviceModel service model short name ({@code kpm})
     * @param reportPeriodMs report period in milliseconds (10..60000)
     * @param style report style
     * @param nodes {@code ["*"]} or canonical node ids
     * @param cells canonical cell ids to keep, or empty for every cell
     */
    public SubscriptionSpec(String serviceModel, int reportPeriodMs, Style style, List<String> nodes, List<String> cells) {
        this.serviceModel = Objects.requireNonNull(serviceModel, "serviceModel");
        this.reportPeriodMs = reportPeriodMs;
        this.style = Objects.requireNonNull(style, "style");
        this.nodes = List.copyOf(nodes);
        this.cells = List.copyOf(cells);
    }

    /** Service model short name; {@code kpm} today. */
    public String serviceModel() {
        return serviceModel;
    }

    /** Report period in milliseconds. */
    public int reportPeriodMs() {
        return reportPeriodMs;
    }

    /** Report style. */
    public Style style() {
        return style;
    }

    /** {@code ["*"]} for every node, else canonical node ids ({@code io.jric.proto.E2Ids#nodeId}). */
    public List<String> nodes() {
        return nodes;
    }

    /** Whether this subscription covers every node. */
    public boolean allNodes() {
        return nodes.contains(ALL_NODES);
    }

    /** Canonical cell ids to keep ({@code io.jric.proto.E2Ids#cellId}); empty means every cell. */
    public List<String> cells() {
        return cells;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SubscriptionSpec)) return false;
        SubscriptionSpec s = (SubscriptionSpec) o;
        return s.serviceModel.equals(serviceModel) && s.reportPeriodMs == reportPeriodMs && s.style == style
                && s.nodes.equals(nodes) && s.cells.equals(cells);
    }

    @Override
    public int hashCode() {
        return Objects.hash(serviceModel, reportPeriodMs, style, nodes, cells);
    }

    @Override
    public String toString() {
        return serviceModel + "/" + style.jsonName() + " every " + reportPeriodMs + " ms on " + nodes
                + (cells.isEmpty() ? "" : " cells " + cells);
    }
}
