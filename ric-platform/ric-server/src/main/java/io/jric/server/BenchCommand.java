package io.jric.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ric bench}: the load harnesses of docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark: 'e2' (ingest rate and control round trip vs a bare gRPC echo).")
final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Which benchmark: e2.")
    String which;

    @Parameters(index = "1..*", description = "Options of the benchmark (see --help of each).")
    List<String> rest = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Logging.quiet();
        if (!which.equals("e2")) throw new IllegalArgumentException("bench: unknown benchmark '" + which + "' (expected: e2)");
        return io.jric.bench.E2Benchmark.run(rest.toArray(new String[0]));
    }
}
