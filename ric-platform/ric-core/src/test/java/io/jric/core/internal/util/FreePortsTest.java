package io.jric.core.internal.util;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {
    @Test
    void noPortNorAPairsSuccessorIsHandedOutTwiceAndEachIsBelowTheEphemeralRangeAndBindable() throws IOException {
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int p = FreePorts.pair();
            assertTrue(p >= 20_000 && p + 1 < 32_768, "below the kernel's ephemeral range: " + p);
            assertTrue(taken.add(p), "handed out twice: " + p);
            assertTrue(taken.add(p + 1), "a pair's successor handed out again: " + (p + 1));
            int q = FreePorts.one();
            assertTrue(taken.add(q), "handed out twice: " + q);
        }
        int p = FreePorts.pair();
        try (ServerSocket a = new ServerSocket(); ServerSocket b = new ServerSocket()) {
            a.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), p), 1);
            b.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), p + 1), 1);
        }
    }
}
