package io.jric.server;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ric certs init}: a development CA with server and client certificates (Bouncy Castle). */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "Make development certificates: 'init' writes a CA, a RIC server certificate and client "
                + "certificates for E2 nodes and operators (PEM, EC P-256).")
final class CertsCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "init")
    String action;

    @Option(names = "--dir", defaultValue = "./work/certs", description = "Where to write them (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--hosts", defaultValue = "127.0.0.1,localhost", split = ",",
            description = "Names and addresses in the RIC's certificate (default: ${DEFAULT-VALUE}).")
    List<String> hosts;

    @Override
    public Integer call() {
        if (!action.equals("init")) throw new IllegalArgumentException("certs: unknown action '" + action + "' (expected: init)");
        for (Path p : DevCertificates.create(dir, hosts)) System.out.println("wrote " + p);
        System.out.println("E2 over mutual TLS: e2.tls.cert=" + dir.resolve("ric.pem") + " e2.tls.key=" + dir.resolve("ric.key")
                + " e2.tls.clientCa=" + dir.resolve("ca.pem") + "; nodes present node.pem/node.key and trust ca.pem.");
        return 0;
    }
}
