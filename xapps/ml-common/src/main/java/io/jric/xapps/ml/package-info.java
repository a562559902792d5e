/**
 * Shared pieces of the jRIC ML xApps: named KPM features, normalisation, DL4J model bundles with
 * metadata and checksum, a fast inference path, a deterministic trainer, simulator recording, an
 * in-process evaluation harness and the inference benchmark.
 *
 * <p>Plain Java over DL4J ({@code deeplearning4j-nn} with the linux-x86_64 ND4J CPU backend); the
 * xApps depend on it, the RIC itself never does.
 */
package io.jric.xapps.ml;
