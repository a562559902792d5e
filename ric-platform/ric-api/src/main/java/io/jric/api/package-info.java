/**
 * The jRIC xApp SDK: what an xApp author and the platform's own components program against.
 *
 * <p>Start with {@link io.jric.api.e2} for the E2 services of the RIC (connected nodes,
 * subscriptions, controls) and {@link io.jric.api.kpm} for the KPM records the RIC keeps in
 * its data grid. Nothing in this package refers to implementation classes; the platform
 * implements these interfaces in {@code ric-core} and {@code e2-adapter}.
 */
package io.jric.api;
