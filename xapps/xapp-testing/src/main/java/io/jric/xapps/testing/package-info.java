/**
 * Test support for xApp modules: {@link io.jric.xapps.testing.XappRic} starts a real RIC node (embedded
 * Ignite, E2 and HTTP on loopback, free ports, temporary stores) and wraps what the xApps' RIC tests ask
 * of it. Used in test scope only; nothing here is a fake.
 */
package io.jric.xapps.testing;
