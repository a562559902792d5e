package io.jric.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ric bench}: the load harnesses of docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark: 'e2' (ingest rate and control round trip vs a bare gRPC echo), "
                + "'loop' (indication -> four xApps -> control ack, at paced rates), "
                + "'aper' (APER against protobuf: codec cost per KPM indication and RIC Control, ingest rate both ways), "
                + "'scale' (1,000 E2 nodes reporting every second into one RIC, the load in a second process; "
                + "--ric-processes 3: a grid of three RIC processes, each terminating a third of the nodes).")
final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Which benchmark: e2, loop, aper or scale.")
    String which;

    /** The benchmark's own options, e.g. {@code --rates 1000,10000 --seconds 10}, passed through as they are. */
    @picocli.CommandLine.Unmatched
    List<String> rest = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Logging.quiet();
        switch (which) {
            case "e2":
                return io.jric.bench.E2Benchmark.run(rest.toArray(new String[0]));
            case "loop":
                return io.jric.bench.LoopBenchmark.run(rest.toArray(new String[0]));
            case "aper":
                return io.jric.bench.AperBenchmark.run(rest.toArray(new String[0]));
            case "scale":
                return ScaleBench.run(rest.toArray(new String[0]), System.out);
            default:
                throw new IllegalArgumentException("bench: unknown benchmark '" + which + "' (expected: e2, loop, aper, scale)");
        }
    }
}
