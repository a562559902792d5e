package io.jric.core.internal.grid;

import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmCaches;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A grid node in its own JVM, for {@link GridClusterTest}.
 *
 * <p>Arguments: {@code instanceName discoveryPort communicationPort addresses(comma separated)
 * workDir backups}. Prints {@code READY <nodeId>} once the node and its caches are up, then
 * answers commands read from stdin, one per line:
 * <ul>
 *   <li>{@code SIZE <cache>}: prints {@code SIZE <cache> <entries>}</li>
 *   <li>{@code CELL <nodeId> <cellId>}: prints {@code CELL <nodeId> <cellId> <prbUsedDlPct>} (or {@code null})</li>
 *   <li>{@code SERVERS}: prints {@code SERVERS <n>}</li>
 * </ul>
 * It exits when stdin closes (so it does not outlive a test JVM that dies) or when killed.
 */
public final class GridNodeMain {
    private GridNodeMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: GridNodeMain instanceName discoveryPort communicationPort addresses workDir backups");
            System.exit(2);
        }
        GridSettings settings = GridSettings.builder()
                .instanceName(args[0])
                .localHost("127.0.0.1")
                .discoveryPort(Integer.parseInt(args[1]))
                .discoveryPortRange(1)
                .communicationPort(Integer.parseInt(args[2]))
                .addresses(Arrays.asList(args[3].split(",")))
                .workDir(Path.of(args[4]))
                .backups(Integer.parseInt(args[5]))
                .dataRegionBytes(128L << 20)
                .build();
        RicGrid grid = RicGrid.start(settings);
        System.out.println("READY " + grid.ignite().cluster().localNode().id());
        System.out.flush();

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            List<String> cmd = Arrays.asList(line.trim().split("\\s+"));
            String reply;
            try {
                switch (cmd.get(0)) {
                    case "SIZE":
                        reply = "SIZE " + cmd.get(1) + " " + grid.cache(cmd.get(1)).size();
                        break;
                    case "CELL": {
                        CellKpi kpi = grid.<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST)
                                .get(new CellKey(cmd.get(1), cmd.get(2)));
                        reply = "CELL " + cmd.get(1) + " " + cmd.get(2) + " " + (kpi == null ? "null" : kpi.prbUsedDlPct());
                        break;
                    }
                    case "SERVERS":
                        reply = "SERVERS " + grid.serverCount();
                        break;
                    default:
                        reply = "ERROR unknown command: " + line;
                }
            } catch (RuntimeException e) {
                reply = "ERROR " + e;
            }
            System.out.println(reply);
            System.out.flush();
        }
        grid.close();
        System.exit(0);
    }
}
