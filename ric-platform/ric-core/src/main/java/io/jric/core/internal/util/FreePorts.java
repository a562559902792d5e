package io.jric.core.internal.util;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on 127.0.0.1 for the benches' and tests' own grids and servers (best effort: another process may take
 * a port before it is bound).
 *
 * <p>Ports are drawn below Linux's ephemeral range (32768-60999 by default): a port the kernel handed out for
 * {@code bind(0)} can be handed out again at once as the local end of an outgoing connection (a grid's own, say), and
 * the server that then binds it fails ("Failed to bind TCP server socket"). Ports below that range are taken only by
 * explicit binds. No port, nor the port after a pair's first, is handed out twice in one JVM: two grid nodes drawn one
 * after the other could otherwise be given the same port (CI saw that twice, in ExperiencePersistenceTest and in
 * {@code ric bench scale --ric-processes 2}).
 */
public final class FreePorts {
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    /** A free port. */
    public static int one() {
        return draw(false);
    }

    /** A free port whose successor is free too, both reserved (Ignite may take the next one). */
    public static int pair() {
        return draw(true);
    }

    private static int draw(boolean pair) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 400; attempt++) {
            int p = rnd.nextInt(LOW, HIGH - 1);
            if (HANDED_OUT.contains(p) || (pair && HANDED_OUT.contains(p + 1))) continue;
            if (!bindable(p) || (pair && !bindable(p + 1))) continue;
            if (!HANDED_OUT.add(p)) continue;
            if (pair && !HANDED_OUT.add(p + 1)) {
                HANDED_OUT.remove(p);
                continue;
            }
            return p;
        }
        throw new IllegalStateException("no free port" + (pair ? " pair" : "") + " found on 127.0.0.1 in " + LOW + "-" + (HIGH - 1));
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
