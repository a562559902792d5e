package io.jric.xapps.hello;

import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappProvider;

/** Makes {@link HelloXapp}; the descriptor's {@code entry.provider} is {@code "hello"}. */
public final class HelloXappProvider implements XappProvider {
    @Override
    public String id() {
        return "hello";
    }

    @Override
    public Xapp create() {
        return new HelloXapp();
    }
}
