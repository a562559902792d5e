package io.jric.core.internal.xapp;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * One xApp jar's class loader: the SDK, the protocol classes and the JDK come from the platform;
 * everything else is looked up in the xApp's jar first, so an xApp's libraries do not clash with
 * the RIC's or another xApp's.
 */
final class XappClassLoader extends URLClassLoader {
    private static final String[] SHARED = {
        "java.", "javax.", "jdk.", "sun.", "io.jric.api.", "io.jric.proto.", "com.google.protobuf.",
        "io.opentelemetry.api.", "io.opentelemetry.context.",
    };

    XappClassLoader(String xappName, URL jar, ClassLoader platform) {
        super("xapp-" + xappName, new URL[] {jar}, platform);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null && !shared(name)) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException e) {
                    c = null;
                }
            }
            if (c == null) c = getParent().loadClass(name);
            if (resolve) resolveClass(c);
            return c;
        }
    }

    private static boolean shared(String name) {
        for (String p : SHARED) {
            if (name.startsWith(p)) return true;
        }
        return false;
    }
}
