package io.jric.api.xapp;

import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.opentelemetry.api.trace.Tracer;
import java.util.function.Consumer;

/** What the platform offers one xApp instance. Every method may be called from any thread. */
public interface XappContext {
    /** The descriptor the xApp was installed with. */
    XappDescriptor descriptor();

    /** This instance's id, unique in the grid (e.g. {@code hello-xapp#ric-1#0}). */
    String instanceId();

    /** The descriptor's config values, validated against its config schema. */
    XappConfig config();

    /** Reads of the grid: latest cell and UE records, per-cell time series. */
    GridReader grid();

    /**
     * Handles the KPM reports of the subscriptions the descriptor declares. The handler runs on this
     * instance's thread; when it falls behind, reports beyond the descriptor's {@code queueCapacity}
     * are dropped and counted ({@link XappMetrics}), never queued without bound.
     */
    void onKpm(Consumer<KpmReport> handler);

    /**
     * Handles changes of the latest cell records in the grid, from every E2 node the grid knows (also
     * nodes connected to other RIC processes), through a continuous query. Runs on this instance's
     * thread with the same bounded queue as {@link #onKpm}. Call once; the query ends with the instance.
     */
    default void onCellUpdate(Consumer<io.jric.api.kpm.CellKpi> handler) {
        throw new UnsupportedOperationException("this platform does not support cell update notifications");
    }

    /** Sends RAN controls through the platform's control router. */
    ControlClient control();

    /** Handles A1 policy instances of the policy types the descriptor provides. */
    void onPolicy(PolicyListener listener);

    /** Handles ML model versions activated for the models the descriptor accepts. */
    void onModel(ModelListener listener);

    /**
     * Puts {@code json} under {@code key} in the shared grid cache {@code cacheName}, creating the cache
     * on first use, for other xApps ({@link GridReader#published(String)}) and operators to read, e.g.
     * anomaly findings in {@code ric.anomalies}. Values are JSON text, so readers need none of the
     * writer's classes; entries expire an hour after they are written. The platform's own caches are
     * refused ({@link IllegalArgumentException}); names match {@code [a-z][a-z0-9_.-]{0,99}}.
     */
    default void publish(String cacheName, String key, String json) {
        throw new UnsupportedOperationException("this platform does not support publish");
    }

    /**
     * Publishes a value written as JSON by the platform ({@link #toJson(Object)}: maps, lists, strings,
     * numbers, booleans, null); otherwise as {@link #publish(String, String, String)}.
     */
    default void publish(String cacheName, String key, java.util.Map<String, ?> value) {
        publish(cacheName, key, toJson(value));
    }

    /**
     * Reads JSON text (an A1 policy's {@link PolicyEvent#json()}, a published entry) into a {@link JsonDoc}.
     *
     * @throws IllegalArgumentException naming the position when the text is not JSON
     */
    default JsonDoc json(String json) {
        throw new UnsupportedOperationException("this platform does not read JSON for xApps");
    }

    /**
     * Writes plain Java values as JSON text: {@code Map} (string keys), {@code List}, arrays,
     * {@code String}, numbers, {@code Boolean}, null.
     *
     * @throws IllegalArgumentException for other types
     */
    default String toJson(Object value) {
        throw new UnsupportedOperationException("this platform does not write JSON for xApps");
    }

    /**
     * Records the xApp's decisions with what it saw and did, for the platform to attach their outcome
     * (docs/ml-lifecycle.md). Disabled ({@link ExperienceRecorder#enabled()} false) unless the descriptor
     * declares an {@code experience} section and the platform supports it.
     */
    default ExperienceRecorder experience() {
        return ExperienceRecorder.DISABLED;
    }

    /** Counters of this instance, visible through the admin API. */
    XappMetrics metrics();

    /** A tracer whose spans are tagged with the xApp's name. */
    Tracer tracer();

    /** A logger named after the xApp. */
    System.Logger logger();
}
