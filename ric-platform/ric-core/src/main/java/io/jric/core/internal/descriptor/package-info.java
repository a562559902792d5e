/**
 * Reading and checking xApp descriptors ({@code xapp.json}, schema
 * {@code xapp-descriptor-v1.schema.json} in this package's resources): {@link
 * io.jric.core.internal.descriptor.DescriptorParser} turns a descriptor into an {@link
 * io.jric.api.xapp.descriptor.XappDescriptor} or a {@link io.jric.api.xapp.descriptor.DescriptorException}
 * naming every bad field; {@link io.jric.core.internal.descriptor.OranScImporter} converts an O-RAN SC
 * {@code config-file.json}.
 */
package io.jric.core.internal.descriptor;
