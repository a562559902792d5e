package io.jric.xapps.lb;

import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappProvider;

/** Makes {@link LoadBalancingXapp}; the descriptor's {@code entry.provider} is {@code "load-balancing"}. */
public final class LoadBalancingProvider implements XappProvider {
    @Override
    public String id() {
        return "load-balancing";
    }

    @Override
    public Xapp create() {
        return new LoadBalancingXapp();
    }
}
