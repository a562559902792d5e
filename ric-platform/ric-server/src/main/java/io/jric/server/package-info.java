/**
 * The {@code ric} launcher: {@link io.jric.server.RicMain} with the {@code run}, {@code demo}
 * and {@code bench} subcommands; {@link io.jric.server.RicNode} assembles one RIC process
 * (grid, telemetry, E2 termination, KPM collection) from a {@link io.jric.server.RicConfig}.
 */
package io.jric.server;
