package io.jric.core.internal.grid;

import java.util.Objects;

/** An installed xApp as the grid knows it. */
public final class XappRecord {
    private final String name;
    private final String version;
    private final String descriptorJson;
    private final String jarKey;
    private final String jarSha256;
    private final long installedAtMs;

    /**
     * @param name the xApp's name
     * @param version its version
     * @param descriptorJson the self-contained descriptor
     * @param jarKey key of its jar in {@link PlatformCaches#XAPP_JARS}, or null when the provider is on the RIC's classpath
     * @param jarSha256 hex SHA-256 of the jar, or null
     * @param installedAtMs when it was installed or last upgraded
     */
    public XappRecord(String name, String version, String descriptorJson, String jarKey, String jarSha256,
                      long installedAtMs) {
        this.name = Objects.requireNonNull(name, "name");
        this.version = Objects.requireNonNull(version, "version");
        this.descriptorJson = Objects.requireNonNull(descriptorJson, "descriptorJson");
        this.jarKey = jarKey;
        this.jarSha256 = jarSha256;
        this.installedAtMs = installedAtMs;
    }

    public String name() { return name; }
    public String version() { return version; }
    public String descriptorJson() { return descriptorJson; }
    public String jarKey() { return jarKey; }
    public String jarSha256() { return jarSha256; }
    public long installedAtMs() { return installedAtMs; }
}
