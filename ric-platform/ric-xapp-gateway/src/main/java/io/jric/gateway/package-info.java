/**
 * Out-of-process xApps: the built-in {@code jric.remote} xApp provider (a proxy instance per
 * installed remote xApp) and the gRPC gateway ({@code oran.ric.xapp.v1.XappPlatformService})
 * through which a process in any language attaches to it, receives its KPM reports, policies
 * and models, and sends controls through the RIC's control router. See xapps/remote-hello/README.md.
 */
package io.jric.gateway;
