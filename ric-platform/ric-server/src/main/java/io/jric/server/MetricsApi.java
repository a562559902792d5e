package io.jric.server;

import io.jric.core.internal.http.HttpResponse;
import io.jric.core.internal.http.Router;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: the registry's metrics in the Prometheus text format, or in OpenMetrics
 * text when the scraper's {@code Accept} asks for {@code application/openmetrics-text}. Written by
 * the Prometheus Java client's writers; collected at scrape time ({@link RicMetrics}).
 */
final class MetricsApi {
    /** The path Prometheus scrapes. */
    static final String PATH = "/metrics";

    private final PrometheusRegistry registry;
    private final ExpositionFormatWriter openMetrics;
    private final ExpositionFormatWriter text;

    MetricsApi(PrometheusRegistry registry) {
        this.registry = registry;
        ExpositionFormats formats = ExpositionFormats.init();
        this.openMetrics = formats.getOpenMetricsTextFormatWriter();
        this.text = formats.getPrometheusTextFormatWriter();
    }

    Router register(Router r) {
        return r.get(PATH, req -> {
            String accept = req.header("Accept").orElse("");
            ExpositionFormatWriter w = openMetrics.accepts(accept) ? openMetrics : text;
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
            w.write(out, registry.scrape());
            return HttpResponse.text(200, out.toString(StandardCharsets.UTF_8))
                    .withHeader("Content-Type", w.getContentType());
        });
    }
}
