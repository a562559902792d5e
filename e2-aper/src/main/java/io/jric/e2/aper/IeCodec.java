package io.jric.e2.aper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/** Builders of ProtocolIE-Containers (encoding) and their typed reading (decoding), with diagnostics. */
final class IeCodec {
    private IeCodec() {
    }

    /** Collects a message's IEs in order; a criticality override map lets a decoded PDU re-encode as received. */
    static final class Enc {
        private final Map<Integer, Integer> criticality;
        final List<ProtocolIe> ies = new ArrayList<>();

        Enc(Map<Integer, Integer> criticality) {
            this.criticality = criticality;
        }

        int crit(int id, int dflt) {
            return criticality.getOrDefault(id, dflt);
        }

        void add(int id, int crit, Consumer<AperWriter> value) {
            AperWriter w = new AperWriter();
            try {
                value.accept(w);
            } catch (AperException e) {
                throw new AperException(e.bitPosition(), IeIds.name(id) + ": " + e.reason(), e);
            }
            ies.add(new ProtocolIe(id, crit(id, crit), w.toByteArray()));
        }

        /** A list IE: SEQUENCE (SIZE(lb..ub)) OF ProtocolIE-SingleContainer, each item a field of itemId. */
        <T> void list(int id, int crit, int itemId, int itemCrit, long lb, long ub, List<T> items, BiConsumer<AperWriter, T> item) {
            add(id, crit, w -> {
                if (items.size() < lb || items.size() > ub) {
                    throw new AperException(w.bitPosition(), "list of " + items.size() + " items outside SIZE(" + lb + ".." + ub + ")");
                }
                w.writeCount(items.size(), lb, ub, false);
                for (T t : items) {
                    AperWriter iw = new AperWriter();
                    item.accept(iw, t);
                    E2apFrame.writeField(w, itemId, crit(itemId, itemCrit), iw.toByteArray());
                }
            });
        }

        byte[] encode() {
            return E2apFrame.encodeIeContainer(ies);
        }
    }

    /** Reads a message's IEs by id; what is not asked for is returned as unmapped. */
    static final class Dec implements E2apIes.Dropped {
        private final Map<Integer, E2apFrame.Field> byId = new LinkedHashMap<>();
        final Map<Integer, Integer> criticality;
        final List<String> dropped;
        private final String message;

        private final long start;

        Dec(byte[] value, String message, Map<Integer, Integer> criticality, List<String> dropped) {
            this(new AperReader(value), message, criticality, dropped);
        }

        Dec(AperReader value, String message, Map<Integer, Integer> criticality, List<String> dropped) {
            this.message = message;
            this.criticality = criticality;
            this.dropped = dropped;
            this.start = value.bitPosition();
            for (E2apFrame.Field f : E2apFrame.readIeContainer(value)) {
                if (byId.putIfAbsent(f.id(), f) != null) {
                    throw new AperException(f.bitPosition(), message + ": " + IeIds.name(f.id()) + " (id " + f.id() + ") appears twice");
                }
            }
        }

        @Override
        public void note(String what) {
            dropped.add(what);
        }

        <T> T req(int id, Function<AperReader, T> fn) {
            T v = opt(id, fn);
            if (v == null) {
                throw new AperException(start, message + ": mandatory IE " + IeIds.name(id) + " (id " + id + ") is missing");
            }
            return v;
        }

        <T> T opt(int id, Function<AperReader, T> fn) {
            E2apFrame.Field f = byId.remove(id);
            if (f == null) {
                return null;
            }
            criticality.putIfAbsent(id, f.criticality());
            T v;
            try {
                v = fn.apply(f.value());
            } catch (AperException e) {
                throw new AperException(e.bitPosition(), message + ": " + IeIds.name(id) + ": " + e.reason(), e);
            }
            f.value().expectEnd(IeIds.name(id));
            return v;
        }

        /** Reads a list IE's value (call inside req/opt). */
        <T> List<T> list(AperReader r, int itemId, long lb, long ub, Function<AperReader, T> item) {
            long n = r.readCount(lb, ub, false);
            List<T> out = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                E2apFrame.Field f = E2apFrame.readField(r);
                if (f.id() != itemId) {
                    throw new AperException(f.bitPosition(), "list item has IE id " + f.id() + ", expected " + IeIds.name(itemId) + " (" + itemId + ")");
                }
                criticality.putIfAbsent(itemId, f.criticality());
                out.add(item.apply(f.value()));
                f.value().expectEnd(IeIds.name(itemId));
            }
            return out;
        }

        /** IEs not consumed: unknown, or known to E2AP but without a field in the protobuf model. */
        List<ProtocolIe> rest() {
            List<ProtocolIe> out = new ArrayList<>();
            for (E2apFrame.Field f : byId.values()) {
                out.add(new ProtocolIe(f.id(), f.criticality(), f.rawValue()));
            }
            byId.clear();
            return out;
        }
    }
}
