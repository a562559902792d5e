package io.jric.e2.aper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.proto.e2.v1.E2apPdu;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** protobuf -> APER -> protobuf for every supported message type, 1,000 random PDUs each. */
class RoundTripTest {
    static final int PER_TYPE = 1000;

    @Test
    void everySupportedMessageRoundTrips() {
        RandomPdus gen = new RandomPdus(18);
        Map<String, Supplier<E2apPdu>> all = gen.all();
        assertEquals(23, all.size());
        for (Map.Entry<String, Supplier<E2apPdu>> e : all.entrySet()) {
            for (int i = 0; i < PER_TYPE; i++) {
                E2apPdu pdu = e.getValue().get();
                byte[] bytes = E2apAperCodec.encode(pdu);
                E2apAperCodec.Decoded d;
                try {
                    d = E2apAperCodec.decode(bytes);
                } catch (AperException x) {
                    throw new AssertionError(e.getKey() + " #" + i + ": " + x.getMessage() + "\n" + pdu, x);
                }
                assertEquals(pdu, d.pdu(), e.getKey() + " #" + i);
                assertTrue(d.unmappedIes().isEmpty(), e.getKey());
                assertTrue(d.droppedComponents().isEmpty(), e.getKey());
                assertArrayEquals(bytes, E2apAperCodec.encode(d.pdu(), d.ieCriticality()), e.getKey() + " #" + i);
            }
        }
    }
}
