/**
 * Load harnesses that print figures (docs/benchmarks.md): {@link io.jric.bench.E2Benchmark}
 * measures KPM ingest into the grid and the RIC Control round trip next to a bare gRPC echo.
 */
package io.jric.bench;
