package io.jric.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One more RIC process for {@code ric bench scale --ric-processes N}: a whole {@link RicNode} (grid node, E2
 * termination, ingest, xApp host, A1, admin API) started from {@code key=value} configuration arguments, as
 * {@code ./ric run --set ...} would start it, joining the bench's grid. Prints {@code ready e2port=..} once
 * started (or {@code failed ...}), then answers the bench's commands on its standard input one line each
 * ({@link ScaleProbe}: {@code <command> key=value ...}, or {@code error <command> <message>}), and stops when
 * its standard input ends.
 */
public final class ScaleRicProcess {
    private ScaleRicProcess() {}

    public static void main(String[] args) throws Exception {
        Logging.configure();
        Logging.quiet();
        RicConfig config = RicConfig.defaults();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("expected key=value, got " + a);
            config.set(a.substring(0, eq), a.substring(eq + 1));
        }
        RicNode ric;
        try {
            ric = RicNode.start(config);
        } catch (RuntimeException e) {
            say("failed " + e.toString().replace('\n', ' '));
            System.exit(1);
            return;
        }
        int code = 0;
        try (ScaleProbe probe = new ScaleProbe(ric)) {
            say("ready e2port=" + ric.e2().port() + " grid=" + ric.grid().ignite().cluster().localNode().id()
                    + " pid=" + ProcessHandle.current().pid());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) continue;
                String cmd = line.trim().split(" +")[0];
                try {
                    Map<String, String> answer = probe.ask(line);
                    say(cmd + " " + ScaleProbe.line(answer));
                } catch (Exception e) {
                    say("error " + cmd + " " + e.toString().replace('\n', ' '));
                }
            }
        } finally {
            try {
                ric.close();
            } catch (RuntimeException e) {
                code = 1;
            }
        }
        System.exit(code);
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
