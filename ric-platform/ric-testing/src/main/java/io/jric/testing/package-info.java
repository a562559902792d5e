/**
 * Fixtures other modules test with: {@link io.jric.testing.TestGrids} starts real embedded
 * grid nodes on free loopback ports; {@link io.jric.testing.TestTelemetry} records spans in memory.
 */
package io.jric.testing;
