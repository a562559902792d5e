/**
 * Implementation of the jRIC platform. Nothing here is API: xApps program against
 * {@code io.jric.api}. Start with {@link io.jric.core.internal.grid.RicGrid} (the embedded
 * Ignite node and its caches) and {@link io.jric.core.internal.telemetry.Telemetry}.
 */
package io.jric.core.internal;
