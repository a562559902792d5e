package io.jric.core.internal.grid;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.IgniteCache;

/**
 * A child JVM for {@link RicGridBoundsTest}: starts a grid node with the production failure handler
 * (exit on failure), then fills the platform region (which never evicts) with 1 MiB values until
 * Ignite fails the node. A process that is still alive 60 s later exits with 0: a zombie.
 * Arguments: discovery port, communication port, work directory.
 */
public final class GridFillMain {
    private GridFillMain() {}

    public static void main(String[] args) throws Exception {
        int disco = Integer.parseInt(args[0]);
        RicGrid grid = RicGrid.start(GridSettings.builder().instanceName("fill-" + ProcessHandle.current().pid())
                .discoveryPort(disco).discoveryPortRange(1).communicationPort(Integer.parseInt(args[1]))
                .workDir(Path.of(args[2])).dataRegionBytes(64L << 20).kpmRegionBytes(64L << 20).backups(0).build());
        System.out.println("STARTED");
        if (args.length > 3 && args[3].equals("caches-uncaught")) {
            // As when RicGrid.start itself fails: the exception ends the main thread.
            for (int i = 0; i < 100; i++) {
                grid.ignite().getOrCreateCache(new org.apache.ignite.configuration.CacheConfiguration<String, String>(
                        "extra-" + i).setDataRegionName(RicGrid.KPM_REGION));
            }
            System.out.println("CREATED without a failure");
            TimeUnit.SECONDS.sleep(60);
            System.exit(0);
        }
        if (args.length > 3 && args[3].equals("caches")) {
            // Fail inside cache creation (partition metadata) instead of inside a put.
            try {
                for (int i = 0; i < 100; i++) {
                    grid.ignite().getOrCreateCache(new org.apache.ignite.configuration.CacheConfiguration<String, String>(
                            "extra-" + i).setDataRegionName(RicGrid.KPM_REGION));
                }
                System.out.println("CREATED without a failure");
            } catch (RuntimeException e) {
                System.out.println("CREATE FAILED " + e.getClass().getSimpleName());
            }
            TimeUnit.SECONDS.sleep(60);
            System.out.println("STILL ALIVE");
            System.exit(0);
        }
        IgniteCache<String, byte[]> jars = grid.cache(PlatformCaches.XAPP_JARS);
        try {
            for (int i = 0; i < 1000; i++) jars.put("jar-" + i, new byte[1 << 20]);
            System.out.println("FILLED without a failure");
        } catch (RuntimeException e) {
            System.out.println("PUT FAILED " + e.getClass().getSimpleName());
        }
        TimeUnit.SECONDS.sleep(60);
        System.out.println("STILL ALIVE");
        System.exit(0);
    }
}
