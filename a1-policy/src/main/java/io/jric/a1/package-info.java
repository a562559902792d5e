/**
 * The RIC's A1 policy interface: {@link io.jric.a1.A1Service} serves the O-RAN A1-P v2 REST API
 * ({@code /A1-P/v2}) and O-RAN SC's A1 mediator flavour ({@code /a1-p}) on the RIC's HTTP server,
 * delivers policy instances to the xApps that provide their types, tracks their enforcement status
 * (with notifications) and keeps everything in the grid and a durable file store.
 * {@link io.jric.a1.A1Settings} configures it. Everything else in this package is internal.
 * See {@code a1-policy/README.md} and {@code docs/a1.md}.
 */
package io.jric.a1;
