/**
 * The xApp SDK. An xApp is one class implementing {@link io.jric.api.xapp.Xapp} (made by an
 * {@link io.jric.api.xapp.XappProvider} found through {@link java.util.ServiceLoader}) plus one
 * descriptor file ({@code xapp.json}, see {@link io.jric.api.xapp.descriptor}).
 *
 * <pre>{@code
 * public final class HelloXapp implements Xapp {
 *     public void start(XappContext ctx) {
 *         ctx.onKpm(report -> ctx.logger().log(INFO, "cells: " + report.cells().size()));
 *     }
 * }
 * }</pre>
 *
 * <p>Everything an xApp registers through its {@link io.jric.api.xapp.XappContext} (handlers, E2
 * subscriptions, control registrations) is released by the platform when the xApp stops or is
 * removed; there is nothing to free.
 *
 * <p>An ML xApp records its decisions with {@link io.jric.api.xapp.XappContext#experience()} (an
 * {@link io.jric.api.xapp.ExperienceRecorder}); the platform attaches each decision's outcome from the
 * grid's KPM series after the horizon its descriptor declares (docs/ml-lifecycle.md).
 */
package io.jric.api.xapp;
