/**
 * A deterministic RAN simulator that speaks E2 (protobuf over gRPC) to the jRIC.
 *
 * <p>Where to start:
 * <ul>
 *   <li>{@link io.jric.sim.RanSimulator}: the whole simulated RAN; {@code new RanSimulator(config, options)},
 *       then {@code start(host, port)} to connect one E2 node per gNB to the RIC and run the clock
 *       (real time or accelerated), {@code injectFault(...)}, {@code stats()}, {@code close()}.</li>
 *   <li>{@link io.jric.sim.SimConfig}: the scenario (seed, layout, UEs, radio, mobility, traffic).</li>
 *   <li>{@link io.jric.sim.RanModel}: the radio model itself, usable without any network: {@code step()},
 *       controls ({@code handover}, {@code setCio}, {@code setTxPower}, {@code setSleep}), KPM measurements
 *       through a {@link io.jric.sim.PeriodCursor}, views ({@link io.jric.sim.CellView}, {@link io.jric.sim.UeView})
 *       and cumulative {@link io.jric.sim.RanStats}.</li>
 *   <li>{@link io.jric.sim.E2NodeAgent}: one gNB's E2 association: E2 Setup with E2SM-KPM (id 2) and
 *       E2SM-RC (id 3), KPM subscriptions and indications, RC controls, reset, reconnect, tracing.</li>
 *   <li>{@link io.jric.sim.Fault}: outages, interference bursts and KPI degradation in simulated time.</li>
 * </ul>
 *
 * <p>Identifiers: gNB {@code i} has gNB id {@code firstGnbId + i} (22 bits); its sector {@code s} has
 * NR cell identity {@code gnbId << 14 | s}; cell ids are {@code E2Ids.cellId(NrCgi)}, node ids
 * {@code E2Ids.nodeId(GlobalE2NodeId)}.
 */
package io.jric.sim;
