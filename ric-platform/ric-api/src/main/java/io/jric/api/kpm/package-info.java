/**
 * KPM records as the RIC stores them in its grid: the latest value per cell
 * ({@link io.jric.api.kpm.CellKpi} under a {@link io.jric.api.kpm.CellKey}), the latest value
 * per UE ({@link io.jric.api.kpm.UeKpi} under the UE id) and a bounded per-cell time series
 * (under a {@link io.jric.api.kpm.CellSampleKey}). Cache names are in
 * {@link io.jric.api.kpm.KpmCaches}; docs/caches.md describes keys, affinity and expiry.
 */
package io.jric.api.kpm;
