package io.jric.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ric run}: one RIC process until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the RIC: embedded grid node and E2 termination, until Ctrl-C.")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", description = "Properties file (see deploy/ric.conf.sample).")
    Path config;

    @Option(names = {"-D", "--set"}, description = "Override one config key, e.g. -D e2.port=36422.")
    Map<String, String> overrides = Map.of();

    @Override
    public Integer call() throws Exception {
        RicConfig cfg = config == null ? RicConfig.defaults() : RicConfig.load(config);
        overrides.forEach(cfg::set);
        CountDownLatch stopped = new CountDownLatch(1);
        try (RicNode ric = RicNode.start(cfg)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                ric.close();
                stopped.countDown();
            }, "ric-shutdown"));
            System.out.printf("jRIC running: E2 on %s:%d (gRPC; SCTP %s), grid node %s (%d server(s) in the cluster). Ctrl-C stops.%n",
                    cfg.get("e2.host"), ric.e2().port(), ric.e2().sctpStatus(), cfg.get("grid.instance"), ric.grid().serverCount());
            stopped.await();
        }
        return 0;
    }
}
