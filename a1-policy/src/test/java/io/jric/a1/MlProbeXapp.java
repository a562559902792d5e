package io.jric.a1;

import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.api.xapp.XappProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test xApp that "loads" the models it is given: content starting with {@code CORRUPT} fails to
 * load (the listener throws, so the platform must keep the previous version); anything else
 * becomes its active model. Tests read the versions it took, per xApp name.
 */
public final class MlProbeXapp implements Xapp {
    static final Map<String, List<String>> LOADED = new ConcurrentHashMap<>();
    /** The format each delivery came in, by {@code <xapp>/<version>}. */
    static final Map<String, String> FORMATS = new ConcurrentHashMap<>();

    static List<String> loaded(String xapp) {
        return LOADED.computeIfAbsent(xapp, k -> new CopyOnWriteArrayList<>());
    }

    static String active(String xapp) {
        List<String> l = loaded(xapp);
        return l.isEmpty() ? null : l.get(l.size() - 1);
    }

    @Override
    public void start(XappContext ctx) {
        String name = ctx.descriptor().name();
        ctx.onModel(e -> {
            String text = new String(e.content(), StandardCharsets.UTF_8);
            if (text.startsWith("CORRUPT")) throw new IllegalArgumentException("not a DL4J model zip: bad header");
            FORMATS.put(name + "/" + e.version(), e.format());
            loaded(name).add(e.version());
        });
    }

    /** Provider id {@code ml-probe}. */
    public static final class Provider implements XappProvider {
        @Override
        public String id() {
            return "ml-probe";
        }

        @Override
        public Xapp create() {
            return new MlProbeXapp();
        }
    }

    static String descriptor(String name) {
        return descriptor(name, "");
    }

    /** @param more extra fields of the model, e.g. {@code ,"alsoAccepts":["keras-h5"]} */
    static String descriptor(String name, String more) {
        return "{\"schemaVersion\":\"1\",\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"vendor\":\"test\","
                + "\"sdkApiVersion\":\"1\",\"entry\":{\"provider\":\"ml-probe\"},"
                + "\"models\":[{\"name\":\"load-mlp\",\"inputFeatures\":[\"prbUsedDlPct\",\"activeUes\"],\"format\":\"dl4j\"" + more + "}]}";
    }
}
