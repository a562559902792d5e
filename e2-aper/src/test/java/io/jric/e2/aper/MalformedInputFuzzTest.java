package io.jric.e2.aper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jric.proto.e2.v1.E2apPdu;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * 100,000 malformed frames (truncated, bits flipped, length octets overwritten, random bytes, spliced)
 * built from valid encodings of every message type and the public vectors: the decoder ends each one with
 * a result or an AperException, never anything else, and never allocates more than the input warrants.
 */
class MalformedInputFuzzTest {
    static final int CASES = 100_000;

    @Test
    void malformedFramesOnlyEverGiveAperException() {
        Random r = new Random(36421);
        List<byte[]> seeds = new ArrayList<>();
        RandomPdus gen = new RandomPdus(7);
        for (Map.Entry<String, Supplier<E2apPdu>> e : gen.all().entrySet()) {
            for (int i = 0; i < 20; i++) {
                byte[] b = E2apAperCodec.encode(e.getValue().get());
                if (b.length < 4096) {
                    seeds.add(b);
                }
            }
        }
        seeds.add(Vectors.load("radisys-e2setup-request.hex"));
        seeds.add(Vectors.load("onos-e2connection-update-ack.hex"));
        seeds.add(Vectors.load("sercomm-e2setup-request-0312.hex"));

        // Warm-up (not counted, not measured): class loading and first-use allocations happen once, here.
        Random warm = new Random(1);
        for (int i = 0; i < 5000; i++) {
            try {
                E2apAperCodec.decode(mutate(warm, seeds.get(warm.nextInt(seeds.size())), seeds));
            } catch (AperException e) {
                // expected for most
            }
        }

        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        boolean measure = mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled();
        long tid = Thread.currentThread().getId();
        int decoded = 0;
        int refused = 0;
        long worstRatio = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] in = mutate(r, seeds.get(r.nextInt(seeds.size())), seeds);
            long before = measure ? mx.getThreadAllocatedBytes(tid) : 0;
            try {
                E2apAperCodec.Decoded d = E2apAperCodec.decode(in);
                if (d.pdu() == null) {
                    E2ConnectionUpdateAcknowledge.decode(d.frame().value());
                }
                decoded++;
            } catch (AperException e) {
                refused++;
                if (e.reason() == null || e.reason().isEmpty()) {
                    fail("AperException without a reason");
                }
            } catch (Throwable t) {
                throw new AssertionError("case " + i + " (" + in.length + " octets): " + t + " for " + Vectors.hex(in), t);
            }
            if (measure) {
                long used = mx.getThreadAllocatedBytes(tid) - before;
                // What a decode may allocate: the model and copies of the input, a fixed overhead, never a buffer sized by a length field.
                long allowed = 256 * 1024 + 64L * in.length;
                assertTrue(used <= allowed, "case " + i + ": " + used + " bytes allocated for " + in.length + " octets of input");
                worstRatio = Math.max(worstRatio, used / Math.max(1, in.length));
            }
        }
        System.out.println("fuzz: " + decoded + " decoded, " + refused + " refused with AperException; worst bytes allocated per input octet " + worstRatio);
        assertEquals(CASES, decoded + refused);
        assertTrue(refused > CASES / 2, "most mutations must be refused: " + refused);
    }

    static byte[] mutate(Random r, byte[] seed, List<byte[]> seeds) {
        byte[] b = seed.clone();
        switch (r.nextInt(7)) {
            case 0 -> { // truncate
                return java.util.Arrays.copyOf(b, r.nextInt(b.length));
            }
            case 1 -> { // flip 1..8 bits
                int n = 1 + r.nextInt(8);
                for (int k = 0; k < n; k++) {
                    int bit = r.nextInt(b.length * 8);
                    b[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
                }
                return b;
            }
            case 2 -> { // overwrite an octet with a length-like value
                int[] v = {0x00, 0x7f, 0x80, 0xbf, 0xc1, 0xc4, 0xc5, 0xff};
                b[r.nextInt(b.length)] = (byte) v[r.nextInt(v.length)];
                return b;
            }
            case 3 -> { // random bytes
                byte[] x = new byte[r.nextInt(64)];
                r.nextBytes(x);
                return x;
            }
            case 4 -> { // random bytes after a valid-looking frame header
                byte[] x = new byte[4 + r.nextInt(200)];
                r.nextBytes(x);
                System.arraycopy(b, 0, x, 0, Math.min(4, b.length));
                return x;
            }
            case 5 -> { // splice two encodings
                byte[] o = seeds.get(r.nextInt(seeds.size()));
                int cut = r.nextInt(b.length);
                int from = r.nextInt(o.length);
                byte[] x = new byte[cut + o.length - from];
                System.arraycopy(b, 0, x, 0, cut);
                System.arraycopy(o, from, x, cut, o.length - from);
                return x;
            }
            default -> { // extend with garbage
                byte[] x = java.util.Arrays.copyOf(b, b.length + 1 + r.nextInt(8));
                for (int k = b.length; k < x.length; k++) {
                    x[k] = (byte) r.nextInt(256);
                }
                return x;
            }
        }
    }
}
