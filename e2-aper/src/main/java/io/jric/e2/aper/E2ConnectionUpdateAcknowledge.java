package io.jric.e2.aper;

import static io.jric.e2.aper.IeIds.*;

import io.jric.proto.e2.v1.Cause;
import java.util.List;
import java.util.Map;

/**
 * E2connectionUpdateAcknowledge (E2 Connection Update, successful outcome). The protobuf model has no
 * E2 Connection Update procedure yet, so this typed form lives at the APER edge only: the message value
 * of an {@link E2apFrame} with procedure code 11.
 */
public record E2ConnectionUpdateAcknowledge(int transactionId, List<Connection> setup, List<FailedConnection> setupFailed) {

    public enum TnlUsage { RIC_SERVICE, SUPPORT_FUNCTION, BOTH }

    /** E2connectionUpdate-Item: TNLinformation (address bits, optional 16-bit port) and its usage. tnlPort -1 when absent. */
    public record Connection(byte[] tnlAddress, int tnlAddressBits, int tnlPort, TnlUsage usage) {
    }

    /** E2connectionSetupFailed-Item. */
    public record FailedConnection(byte[] tnlAddress, int tnlAddressBits, int tnlPort, Cause cause) {
    }

    public E2ConnectionUpdateAcknowledge {
        setup = List.copyOf(setup);
        setupFailed = List.copyOf(setupFailed);
    }

    private static void writeTnl(AperWriter w, byte[] addr, int bits, int port) {
        w.writeSequencePreamble(true, false, port >= 0);
        w.writeBitString(addr, bits, 1, 160, true);
        if (port >= 0) {
            w.writeBitString(new byte[] {(byte) (port >>> 8), (byte) port}, 16, 16, 16, false);
        }
    }

    private record Tnl(AperReader.Bits addr, int port) {
    }

    private static Tnl readTnl(AperReader r) {
        boolean[] p = new boolean[1];
        boolean ext = r.readSequencePreamble(true, p);
        AperReader.Bits a = r.readBitString(1, 160, true);
        int port = p[0] ? (int) r.readBitString(16, 16, false).asLong() : -1;
        E2apIes.skipExtensions(r, ext);
        return new Tnl(a, port);
    }

    public byte[] encode() {
        IeCodec.Enc e = new IeCodec.Enc(Map.of());
        e.add(TRANSACTION_ID, REJECT, w -> E2apIes.writeTransactionId(w, transactionId));
        if (!setup.isEmpty()) {
            e.list(E2CONNECTION_SETUP, REJECT, E2CONNECTION_UPDATE_ITEM, IGNORE, 1, 32, setup, (w, c) -> {
                w.writeSequencePreamble(true, false);
                writeTnl(w, c.tnlAddress(), c.tnlAddressBits(), c.tnlPort());
                w.writeEnumerated(c.usage().ordinal(), 3, true);
            });
        }
        if (!setupFailed.isEmpty()) {
            e.list(E2CONNECTION_SETUP_FAILED, REJECT, E2CONNECTION_SETUP_FAILED_ITEM, IGNORE, 1, 32, setupFailed, (w, c) -> {
                w.writeSequencePreamble(true, false);
                writeTnl(w, c.tnlAddress(), c.tnlAddressBits(), c.tnlPort());
                E2apIes.writeCause(w, c.cause());
            });
        }
        return e.encode();
    }

    /** Decodes the message value (the open type's contents of the frame). */
    public static E2ConnectionUpdateAcknowledge decode(byte[] value) {
        IeCodec.Dec d = new IeCodec.Dec(value, "E2connectionUpdateAcknowledge", new java.util.HashMap<>(), new java.util.ArrayList<>());
        int tid = d.req(TRANSACTION_ID, E2apIes::readTransactionId);
        List<Connection> setup = d.opt(E2CONNECTION_SETUP, r -> d.list(r, E2CONNECTION_UPDATE_ITEM, 1, 32, x -> {
            boolean ext = x.readSequencePreamble(true, new boolean[0]);
            Tnl t = readTnl(x);
            long start = x.bitPosition();
            int u = x.readEnumerated(3, true);
            if (u > 2) {
                throw new AperException(start, "TNLusage extension value " + (u - 3) + " is not in E2AP v03.01");
            }
            E2apIes.skipExtensions(x, ext);
            return new Connection(t.addr().bits(), t.addr().length(), t.port(), TnlUsage.values()[u]);
        }));
        List<FailedConnection> failed = d.opt(E2CONNECTION_SETUP_FAILED, r -> d.list(r, E2CONNECTION_SETUP_FAILED_ITEM, 1, 32, x -> {
            boolean ext = x.readSequencePreamble(true, new boolean[0]);
            Tnl t = readTnl(x);
            Cause c = E2apIes.readCause(x);
            E2apIes.skipExtensions(x, ext);
            return new FailedConnection(t.addr().bits(), t.addr().length(), t.port(), c);
        }));
        return new E2ConnectionUpdateAcknowledge(tid, setup == null ? List.of() : setup, failed == null ? List.of() : failed);
    }
}
