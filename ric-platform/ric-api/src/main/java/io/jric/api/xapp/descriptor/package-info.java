/**
 * The xApp descriptor: what an xApp declares about itself in its {@code xapp.json} (schema version
 * "1") so the RIC can validate, place and wire it before any of its code runs.
 *
 * <p>{@link io.jric.api.xapp.descriptor.XappDescriptor} is the root; its parts are
 * {@link io.jric.api.xapp.descriptor.Entry} (which provider, from which jar),
 * {@link io.jric.api.xapp.descriptor.Deployment} (how many instances, where),
 * {@link io.jric.api.xapp.descriptor.SubscriptionSpec} (E2 subscriptions),
 * {@link io.jric.api.xapp.descriptor.ControlSpec} (RIC Control actions the xApp may issue),
 * {@link io.jric.api.xapp.descriptor.PolicyTypeSpec} (A1 policy types it handles),
 * {@link io.jric.api.xapp.descriptor.ModelSpec} (ML models it uses) and
 * {@link io.jric.api.xapp.descriptor.ConfigSpec} (its own configuration).
 *
 * <p>The classes are plain immutable values. JSON sub-documents (JSON Schemas, default policy
 * instances, configuration values) are kept as canonical JSON strings so this package needs no JSON
 * library. Reading and validating a descriptor is the platform's job; a descriptor that breaks a rule
 * is reported as a {@link io.jric.api.xapp.descriptor.DescriptorException} listing every
 * {@link io.jric.api.xapp.descriptor.DescriptorProblem}. The format is documented in
 * {@code docs/xapp-descriptor.md}.
 */
package io.jric.api.xapp.descriptor;
