package io.jric.api.xapp;

/**
 * Makes xApp instances; registered in {@code META-INF/services/io.jric.api.xapp.XappProvider}
 * and named by the descriptor's {@code entry.provider}.
 */
public interface XappProvider {
    /** The provider id the descriptor's {@code entry.provider} refers to. */
    String id();

    /** A new, not yet started, instance. */
    Xapp create();
}
