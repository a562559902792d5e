package io.jric.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.core.internal.xapp.XappAdminApi;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ric data export}: an xApp's experience rows (decisions with their features, action and outcome,
 * docs/ml-lifecycle.md) from a running RIC's admin API ({@code GET /ric/v1/experience/{xapp}}) into a file.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Data the RIC keeps for its xApps' models (docs/ml-lifecycle.md).",
        subcommands = {DataCommand.Export.class})
final class DataCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows asked for per request (the admin API's maximum). */
    static final int PAGE = XappAdminApi.MAX_EXPERIENCE_ROWS;

    @picocli.CommandLine.Mixin
    AdminApiOptions admin;

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write an xApp's experience rows (time, node, cell, ue, features, action, outcome, outcome status) "
                    + "to a CSV file, oldest first.")
    static final class Export implements Callable<Integer> {
        @ParentCommand DataCommand parent;
        @Option(names = "--xapp", required = true, description = "The xApp whose rows to export.") String xapp;
        @Option(names = "--from", description = "Decision time from (inclusive): an ISO-8601 instant (2026-12-06T19:00:00Z) "
                + "or epoch milliseconds (default: the oldest row).") String from;
        @Option(names = "--to", description = "Decision time to (exclusive), as --from (default: the newest row).") String to;
        @Option(names = "--format", defaultValue = "csv", description = "Output format: csv (Parquet is not supported yet).") String format;
        @Option(names = {"-o", "--output"}, required = true, description = "The file to write (replaced atomically).") Path output;
        @Option(names = "--limit", defaultValue = "1000000", description = "Most rows to write (default: ${DEFAULT-VALUE}).") long limit;

        @Override
        public Integer call() throws Exception {
            if (!format.equals("csv")) {
                throw new IllegalArgumentException("--format: " + format + " (expected: csv; Parquet is not supported yet)");
            }
            if (limit < 1) throw new IllegalArgumentException("--limit: " + limit + " (expected: >= 1)");
            long fromMs = from == null ? 0 : time("--from", from);
            long toMs = to == null ? Long.MAX_VALUE : time("--to", to);
            if (fromMs >= toMs) throw new IllegalArgumentException("--from: " + from + " (expected: before --to " + to + ")");

            List<JsonNode> rows = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            boolean more = true;
            long cursor = fromMs;
            while (more && rows.size() < limit) {
                // Re-asking from the last decision time repeats that time's rows: leave room for them.
                int ask = (int) Math.min(PAGE, limit - rows.size() + 1000);
                JsonNode page = fetch(cursor, toMs, ask);
                if (page == null) return 1;
                int added = 0;
                long last = cursor;
                boolean leftOver = false;
                for (JsonNode r : page.get("rows")) {
                    if (seen.contains(r.get("id").asLong())) continue;
                    if (rows.size() >= limit) {
                        leftOver = true;
                        break;
                    }
                    last = r.get("timeMs").asLong();
                    seen.add(r.get("id").asLong());
                    rows.add(r);
                    added++;
                }
                more = leftOver || page.get("truncated").asBoolean();
                if (more && added == 0) {
                    System.err.println("ric: more than " + ask + " rows share decision time " + last
                            + "; the export stops there (narrow --from/--to)");
                    break;
                }
                // Rows of the last decision time may continue on the next page: ask again from that time.
                cursor = last;
            }
            if (rows.size() >= limit && more) {
                System.err.println("ric: --limit " + limit + " reached; more rows match (raise --limit or narrow --from/--to)");
            }
            writeCsv(rows, output);
            System.out.println("wrote " + rows.size() + " rows of " + xapp + " to " + output);
            return 0;
        }

        private static long time(String option, String value) {
            try {
                return XappAdminApi.parseTime(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + ": " + e.getMessage());
            }
        }

        /** One page of rows, or null after printing the RIC's error. */
        private JsonNode fetch(long fromMs, long toMs, int pageLimit) throws IOException, InterruptedException {
            String q = "/ric/v1/experience/" + URLEncoder.encode(xapp, StandardCharsets.UTF_8) + "?from=" + fromMs
                    + (toMs == Long.MAX_VALUE ? "" : "&to=" + toMs) + "&limit=" + pageLimit;
            HttpResponse<String> resp = parent.admin.get(q, Duration.ofSeconds(120));
            if (resp.statusCode() >= 400) {
                String detail = resp.body();
                try {
                    detail = JSON.readTree(resp.body()).path("detail").asText(resp.body());
                } catch (IOException notJson) {
                    // print as is
                }
                System.err.println("ric: " + resp.statusCode() + " " + detail);
                return null;
            }
            return JSON.readTree(resp.body());
        }
    }

    /**
     * Writes rows as CSV: {@code time} (ISO-8601, ms), {@code node}, {@code cell}, {@code ue}, one
     * {@code feature.<name>} column per feature seen, {@code action.<name>}, {@code outcome.<kpi>},
     * {@code outcomeStatus}, {@code outcomeSamples}, {@code label} (an operator's); a value a row lacks is empty. When
     * any row is about two cells, also {@code peerNode} and {@code peerCell} after {@code ue} and
     * {@code peerOutcomeSamples} after {@code outcomeSamples} (the peer's KPIs are {@code outcome.peer.<kpi>}). Atomic: a temporary file
     * moved over {@code output}.
     */
    static void writeCsv(List<JsonNode> rows, Path output) throws IOException {
        Set<String> features = new TreeSet<>();
        Set<String> actions = new TreeSet<>();
        Set<String> outcome = new LinkedHashSet<>();
        boolean pairs = false;
        for (JsonNode r : rows) {
            pairs |= r.hasNonNull("peerCellId");
            r.get("features").fieldNames().forEachRemaining(features::add);
            r.get("action").fieldNames().forEachRemaining(actions::add);
            for (JsonNode k : r.get("outcomeKpis")) outcome.add(k.asText());
        }
        Path dir = output.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".experience", ".csv.part");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            List<String> header = new ArrayList<>(List.of("time", "node", "cell", "ue"));
            if (pairs) header.addAll(List.of("peerNode", "peerCell"));
            for (String f : features) header.add("feature." + f);
            for (String a : actions) header.add("action." + a);
            for (String o : outcome) header.add("outcome." + o);
            header.add("outcomeStatus");
            header.add("outcomeSamples");
            if (pairs) header.add("peerOutcomeSamples");
            header.add("label");
            line(w, header);
            for (JsonNode r : rows) {
                List<String> cells = new ArrayList<>(header.size());
                cells.add(Instant.ofEpochMilli(r.get("timeMs").asLong()).toString());
                cells.add(r.get("nodeId").asText());
                cells.add(r.get("cellId").asText());
                cells.add(r.get("ueId").asText());
                if (pairs) {
                    cells.add(r.hasNonNull("peerNodeId") ? r.get("peerNodeId").asText() : "");
                    cells.add(r.hasNonNull("peerCellId") ? r.get("peerCellId").asText() : "");
                }
                for (String f : features) cells.add(number(r.get("features").get(f)));
                for (String a : actions) cells.add(number(r.get("action").get(a)));
                for (String o : outcome) cells.add(number(r.get("outcome").get(o)));
                cells.add(r.get("outcomeStatus").asText());
                cells.add(r.get("outcomeSamples").asText());
                if (pairs) cells.add(r.hasNonNull("peerOutcomeSamples") ? r.get("peerOutcomeSamples").asText() : "");
                JsonNode label = r.get("label");
                cells.add(label == null || label.isNull() ? "" : label.asText());
                line(w, cells);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String number(JsonNode n) {
        return n == null || n.isNull() ? "" : n.asText();
    }

    private static void line(BufferedWriter w, List<String> cells) throws IOException {
        for (Iterator<String> it = cells.iterator(); it.hasNext(); ) {
            String c = it.next();
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0) c = '"' + c.replace("\"", "\"\"") + '"';
            w.write(c);
            if (it.hasNext()) w.write(',');
        }
        w.write('\n');
    }
}
