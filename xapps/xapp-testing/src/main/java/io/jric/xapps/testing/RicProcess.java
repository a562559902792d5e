package io.jric.xapps.testing;

import io.jric.testing.TestGrids;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second RIC process for multi-process tests (federated retraining, docs/ml-lifecycle.md section 10): {@code ric run}
 * in its own JVM with the test's class path, on loopback, joining the grid of an {@link XappRic} started with
 * {@code grid.addresses} naming both discovery ports; no backups (each row on one grid node), auth off. Its output
 * goes to a file in the scratch directory (nobody has to drain it); {@link #close} stops the JVM and prints its last
 * lines. The pattern of power control's {@code PowerFederatedTest}, shared.
 */
public final class RicProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final String name;

    private RicProcess(Process process, Path log, String name) {
        this.process = process;
        this.log = log;
        this.name = name;
    }

    /**
     * Starts grid instance {@code name} with discovery port {@code disco}, joining {@code addresses}
     * ({@code host:port,...}), its stores under {@code scratch}.
     */
    public static RicProcess start(Path scratch, String name, int disco, String addresses) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags());
        cmd.addAll(List.of("-Xmx640m", "-XX:+UseSerialGC", "-DIGNITE_QUIET=true", "-cp", System.getProperty("java.class.path"),
                "io.jric.server.RicMain", "run"));
        Map<String, String> set = new TreeMap<>();
        set.put("grid.instance", name);
        set.put("grid.discoveryPort", Integer.toString(disco));
        set.put("grid.discoveryPortRange", "1");
        set.put("grid.communicationPort", Integer.toString(TestGrids.freePortPair()));
        set.put("grid.addresses", addresses);
        set.put("grid.backups", "0");
        set.put("grid.dataRegionMb", "128");
        set.put("grid.kpmRegionMb", "128");
        set.put("grid.mlRegionMb", "64");
        set.put("grid.workDir", Files.createDirectories(scratch.resolve("grid")).toString());
        set.put("grid.exitOnFailure", "false");
        set.put("e2.port", "0");
        set.put("http.port", "0");
        set.put("e2.kpm.collect", "true");
        set.put("xapps.gateway.port", "0");
        set.put("xapps.storeDir", Files.createDirectories(scratch.resolve("xapps")).toString());
        set.put("a1.storeDir", Files.createDirectories(scratch.resolve("a1")).toString());
        set.put("admin.auth", "off");
        set.put("a1.auth", "off");
        set.forEach((k, v) -> cmd.addAll(List.of("--set", k + "=" + v)));
        Path log = scratch.resolve(name + ".log");
        return new RicProcess(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log, name);
    }

    /** The E2 port the process prints when it runs (waits up to 120 s). */
    public int awaitE2Port() throws Exception {
        Pattern p = Pattern.compile("jRIC running: E2 on [^:]+:(\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher m = p.matcher(Files.readString(log));
                if (m.find()) return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) throw new AssertionError("process " + name + " ended (" + process.exitValue() + "): " + Files.readString(log));
            Thread.sleep(200);
        }
        throw new AssertionError("process " + name + " did not start within 120 s: " + (Files.exists(log) ? Files.readString(log) : ""));
    }

    /** Stops the JVM (30 s, then forcibly) and prints its last 40 lines. */
    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        if (Files.exists(log)) {
            List<String> lines = Files.readAllLines(log);
            System.out.println("--- " + name + ", last lines ---");
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
        }
    }

    /** The RIC's JVM flags (deploy/jvm.properties), else this JVM's module openings. */
    private static List<String> jvmFlags() throws Exception {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("deploy").resolve("jvm.properties");
            if (Files.isRegularFile(file)) {
                Properties props = new Properties();
                try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    props.load(in);
                }
                String flags = props.getProperty("ric.jvm.flags", "").trim();
                if (!flags.isEmpty()) return List.of(flags.split("\\s+"));
            }
        }
        List<String> own = new ArrayList<>();
        for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) own.add(arg);
        }
        return own;
    }
}
