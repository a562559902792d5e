package io.jric.e2.aper.kpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jric.e2.aper.AperException;
import io.jric.e2.aper.E2apAperCodec;
import io.jric.e2.aper.kpm.Kpm.IndicationHeader;
import io.jric.e2.aper.kpm.Kpm.RanFunctionDescription;
import io.jric.e2.aper.sm.E2smException;
import io.jric.e2.aper.sm.RicSideFunction;
import io.jric.proto.e2.v1.RanFunctionItem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Public KPM bytes (src/test/resources/vectors/README.md): the ONOS KPM v2 indication header and the Radisys KPM RAN function definition. */
class KpmVectorsTest {

    static byte[] load(String name) {
        try (InputStream in = KpmVectorsTest.class.getResourceAsStream("/vectors/" + name)) {
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onosV2IndicationHeaderDecodesAsV2OnlyAndReencodesIdentically() {
        byte[] b = load("onos-kpm-v2-indication-header.hex");
        assertEquals(42, b.length);
        IndicationHeader h = KpmCodec.decodeHeader(b, KpmCodec.Version.V02_03);
        assertEquals("21222324", HexFormat.of().formatHex(h.collectStartTime().toByteArray()));
        assertEquals("txt", h.fileFormatVersion());
        assertEquals("ONF", h.senderName());
        assertEquals("someType", h.senderType());
        assertEquals("onf", h.vendorName());
        assertNotNull(h.kpmNodeId());
        assertEquals(0, h.kpmNodeId().alt());
        assertEquals(ByteString.copyFromUtf8("747"), h.kpmNodeId().plmn());
        assertEquals(12345L, h.kpmNodeId().cuUpId());
        assertEquals(6789L, h.kpmNodeId().duId());
        assertEquals(22, h.kpmNodeId().gnbIdBits());
        assertArrayEquals(b, KpmCodec.encodeHeader(h, KpmCodec.Version.V02_03));
        AperException e = assertThrows(AperException.class, () -> KpmCodec.decodeHeader(b, KpmCodec.Version.V03_00));
        assertTrue(e.bitPosition() >= 0, e.getMessage());
    }

    @Test
    void radisysKpmDefinitionDecodesReencodesAndDecidesV2() throws E2smException {
        byte[] setup = load("radisys-e2setup-request.hex");
        RanFunctionItem f = E2apAperCodec.decode(setup).pdu().getInitiatingMessage().getE2SetupRequest().getRanFunctions(0);
        byte[] def = f.getRanFunctionDefinition().toByteArray();
        RanFunctionDescription d = KpmCodec.decodeDefinition(def, true);
        assertEquals("ORAN-E2SM-KPM", d.name().shortName());
        assertArrayEquals(def, KpmCodec.encodeDefinition(d));
        System.out.println("Radisys KPM definition: " + d);
        RicSideFunction ric = KpmFamily.INSTANCE.ricSide(f.getRanFunctionDefinition());
        assertEquals("v02.03", ric.version());
        System.out.println("Radisys KPM definition decides " + ric.version() + ": " + ric.versionBasis());
    }
}
