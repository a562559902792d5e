package io.jric.xapps.anomaly;

import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappProvider;

/** Makes {@link AnomalyDetectionXapp}; the descriptor's {@code entry.provider} is {@code "anomaly-detection"}. */
public final class AnomalyDetectionProvider implements XappProvider {
    @Override
    public String id() {
        return "anomaly-detection";
    }

    @Override
    public Xapp create() {
        return new AnomalyDetectionXapp();
    }
}
