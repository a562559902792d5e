package io.jric.xapps.remote;

import static io.jric.gateway.GatewayPlatform.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.gateway.GatewayPlatform;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * remote-hello in its own JVM (with no RIC classes on its classpath) against a real RIC: it
 * receives reports, raises a loaded cell's Tx power in the simulated RAN, reads the grid with the
 * thin client, answers a policy, and detaches cleanly on SIGTERM.
 */
class RemoteHelloTest {
    private static final List<String> RIC_ONLY = List.of("ric-api", "ric-core", "ric-testing", "ric-xapp-gateway",
            "e2-adapter", "ran-sim", "test-classes", "junit", "opentelemetry", "jackson", "json-schema");
    private static final Pattern CONTROL = Pattern.compile("Tx power of (\\S+) -> ([0-9.]+) dBm: (\\S+)");

    private GatewayPlatform p;
    private Process child;
    private Path out;
    private int consumed;
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void start() {
        p = new GatewayPlatform();
    }

    @AfterEach
    void stop() throws Exception {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        p.close();
        if (out != null) Files.deleteIfExists(out);
    }

    @Test
    void remoteHelloClosesTheLoopFromItsOwnProcess() throws Exception {
        Path descriptor = Path.of("xapp.json").toAbsolutePath();
        p.xapps.install(Files.readString(descriptor), descriptor.getParent(), null);

        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> RIC_ONLY.stream().noneMatch(e::contains))
                .collect(Collectors.joining(File.pathSeparator));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java));
        // The thin client needs the JVM flags of deploy/jvm.properties, which this JVM runs with.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports")).forEach(command::add);
        command.addAll(List.of("-cp", classpath, RemoteHello.class.getName(),
                "--gateway", "127.0.0.1:" + p.gateway.port(), "--grid", "127.0.0.1:" + p.thinClientPort(),
                "--load-threshold", "0", "--step", "1.5"));
        // To a file, not a pipe: the JDK may drop a pipe's last lines when the process exits.
        out = Files.createTempFile("remote-hello", ".log");
        child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();

        line("attached to RIC node " + p.grid.ignite().name());
        line("busiest cell");
        Matcher m = CONTROL.matcher(line("Tx power of"));
        assertTrue(m.find());
        assertEquals("ACK", m.group(3), String.join("\n", seen));
        assertEquals(Double.parseDouble(m.group(2)), p.sim.model().txPower(m.group(1)), 1e-6, "the cell's Tx power in the RAN");
        line("grid: 6 cells");

        PolicyStatus enforced = p.xapps.deliverPolicy("remote-hello",
                new PolicyEvent("20008", "ceiling", "{\"maxTxPowerDbm\":40}", false), Duration.ofSeconds(10))
                .values().iterator().next();
        assertTrue(enforced.isEnforced(), enforced.reason());
        line("policy ceiling: Tx power ceiling 40.0 dBm");

        assertTrue(p.gateway.gateway().attached("remote-hello"));
        child.destroy(); // SIGTERM
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "remote-hello exits on SIGTERM");
        line("stopped after");
        await(() -> !p.gateway.gateway().attached("remote-hello"), "the gateway sees the detach");
        assertFalse(seen.stream().anyMatch(l -> l.contains("Exception")), String.join("\n", seen));
    }

    /** The next complete line of the child's output containing the fragment (waits up to 60 s). */
    private String line(String fragment) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String text = Files.readString(out, StandardCharsets.UTF_8);
            String[] complete = text.substring(0, text.lastIndexOf('\n') + 1).split("\n");
            for (int i = consumed; i < complete.length && !complete[i].isEmpty(); i++) {
                consumed = i + 1;
                seen.add(complete[i]);
                if (complete[i].contains(fragment)) return complete[i];
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("remote-hello printed no line with \"" + fragment + "\"; it printed:\n"
                        + String.join("\n", seen));
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
