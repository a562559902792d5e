package io.jric.api.xapp.descriptor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an xApp declares about itself (its {@code xapp.json}, schema version "1"): identity, code
 * entry point, priority, deployment, E2 subscriptions, RIC Control actions, A1 policy types, ML
 * models and configuration. Immutable; build one with {@link #builder(String, String, String, Entry)}
 * or get one validated from the platform's descriptor parser.
 */
public final class XappDescriptor {
    /** The only descriptor schema version there is. */
    public static final String SCHEMA_VERSION = "1";
    /** Default {@link #priority()}. */
    public static final int DEFAULT_PRIORITY = 50;
    /** Default {@link #queueCapacity()}. */
    public static final int DEFAULT_QUEUE_CAPACITY = 1024;
    /** Default {@link #sdkApiVersion()}. */
    public static final String DEFAULT_SDK_API_VERSION = "1";

    private final String schemaVersion;
    private final String name;
    private final String version;
    private final String vendor;
    private final String sdkApiVersion;
    private final String description;
    private final Entry entry;
    private final int priority;
    private final Deployment deployment;
    private final int queueCapacity;
    private final HandlerSpec handler;
    private final List<SubscriptionSpec> subscriptions;
    private final List<ControlSpec> controls;
    private final List<PolicyTypeSpec> policyTypes;
    private final List<ModelSpec> models;
    private final ConfigSpec config;
    private final ExperienceSpec experience;

    private XappDescriptor(Builder b) {
        this.schemaVersion = SCHEMA_VERSION;
        this.name = b.name;
        this.version = b.version;
        this.vendor = b.vendor;
        this.sdkApiVersion = b.sdkApiVersion;
        this.description = b.description;
        this.entry = b.entry;
        this.priority = b.priority;
        this.deployment = b.deployment;
        this.queueCapacity = b.queueCapacity;
        this.handler = b.handler;
        this.subscriptions = List.copyOf(b.subscriptions);
        this.controls = List.copyOf(b.controls);
        this.policyTypes = List.copyOf(b.policyTypes);
        this.models = List.copyOf(b.models);
        this.config = b.config;
        this.experience = b.experience;
    }

    /**
     * A builder with the required fields set and every other field at its default.
     *
     * @param name xApp name ({@code ^[a-z][a-z0-9-]{1,62}$})
     * @param version semantic version
     * @param vendor who made it
     * @param entry the provider to run
     * @return a builder
     */
    public static Builder builder(String name, String version, String vendor, Entry entry) {
        return new Builder(name, version, vendor, entry);
    }

    /** A builder initialised with every field of this descriptor. */
    public Builder toBuilder() {
        return new Builder(name, version, vendor, entry)
                .sdkApiVersion(sdkApiVersion)
                .description(description)
                .priority(priority)
                .deployment(deployment)
                .queueCapacity(queueCapacity)
                .handler(handler)
                .subscriptions(subscriptions)
                .controls(controls)
                .policyTypes(policyTypes)
                .models(models)
                .config(config)
                .experience(experience);
    }

    /** Descriptor schema version; always {@value #SCHEMA_VERSION}. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** xApp name, unique in the RIC. */
    public String name() {
        return name;
    }

    /** Semantic version (MAJOR.MINOR.PATCH, optional -prerelease and +build metadata). */
    public String version() {
        return version;
    }

    /** Who made the xApp. */
    public String vendor() {
        return vendor;
    }

    /** The xApp SDK API version the xApp was built against. */
    public String sdkApiVersion() {
        return sdkApiVersion;
    }

    /** Free text, if given. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** The provider to run, and where to load it from. */
    public Entry entry() {
        return entry;
    }

    /** 0..100; the higher priority wins control conflicts. */
    public int priority() {
        return priority;
    }

    /** How many instances run and where. */
    public Deployment deployment() {
        return deployment;
    }

    /** Capacity of each instance's bounded event queue. */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** How the platform calls the KPM handler: on the instance's thread (default) or on the E2 transport thread. */
    public HandlerSpec handler() {
        return handler;
    }

    /** E2 subscriptions the platform makes on the xApp's behalf. */
    public List<SubscriptionSpec> subscriptions() {
        return subscriptions;
    }

    /** RIC Control actions the xApp may issue (each action at most once). */
    public List<ControlSpec> controls() {
        return controls;
    }

    /** The control declared for an action, if any. */
    public Optional<ControlSpec> control(ControlAction action) {
        return controls.stream().filter(c -> c.action() == action).findFirst();
    }

    /** A1 policy types the xApp handles (unique ids). */
    public List<PolicyTypeSpec> policyTypes() {
        return policyTypes;
    }

    /** ML models the xApp uses (unique names). */
    public List<ModelSpec> models() {
        return models;
    }

    /** The xApp's own configuration, if it declares one. */
    public Optional<ConfigSpec> config() {
        return Optional.ofNullable(config);
    }

    /** What the xApp records as experience and how its outcome is measured, if it declares it. */
    public Optional<ExperienceSpec> experience() {
        return Optional.ofNullable(experience);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof XappDescriptor)) return false;
        XappDescriptor d = (XappDescriptor) o;
        return d.name.equals(name) && d.version.equals(version) && d.vendor.equals(vendor)
                && d.sdkApiVersion.equals(sdkApiVersion) && Objects.equals(d.description, description)
                && d.entry.equals(entry) && d.priority == priority && d.deployment.equals(deployment)
                && d.queueCapacity == queueCapacity && d.handler.equals(handler) && d.subscriptions.equals(subscriptions)
                && d.controls.equals(controls) && d.policyTypes.equals(policyTypes) && d.models.equals(models)
                && Objects.equals(d.config, config) && Objects.equals(d.experience, experience);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, vendor, sdkApiVersion, description, entry, priority, deployment,
                queueCapacity, handler, subscriptions, controls, policyTypes, models, config, experience);
    }

    @Override
    public String toString() {
        return name + " " + version + " (" + vendor + ")";
    }

    /** Builds an {@link XappDescriptor}; fields not set keep their defaults. Not thread-safe. */
    public static final class Builder {
        private String name;
        private String version;
        private String vendor;
        private Entry entry;
        private String sdkApiVersion = DEFAULT_SDK_API_VERSION;
        private String description;
        private int priority = DEFAULT_PRIORITY;
        private Deployment deployment = Deployment.DEFAULT;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private HandlerSpec handler = HandlerSpec.DEFAULT;
        private List<SubscriptionSpec> subscriptions = List.of();
        private List<ControlSpec> controls = List.of();
        private List<PolicyTypeSpec> policyTypes = List.of();
        private List<ModelSpec> models = List.of();
        private ConfigSpec config;
        private ExperienceSpec experience;

        private Builder(String name, String version, String vendor, Entry entry) {
            name(name).version(version).vendor(vendor).entry(entry);
        }

        /**
         * @param name xApp name
         * @return this
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @param version semantic version
         * @return this
         */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * @param vendor who made the xApp
         * @return this
         */
        public Builder vendor(String vendor) {
            this.vendor = Objects.requireNonNull(vendor, "vendor");
            return this;
        }

        /**
         * @param entry the provider to run
         * @return this
         */
        public Builder entry(Entry entry) {
            this.entry = Objects.requireNonNull(entry, "entry");
            return this;
        }

        /**
         * @param sdkApiVersion SDK API version built against
         * @return this
         */
        public Builder sdkApiVersion(String sdkApiVersion) {
            this.sdkApiVersion = Objects.requireNonNull(sdkApiVersion, "sdkApiVersion");
            return this;
        }

        /**
         * @param description free text, or null
         * @return this
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * @param priority 0..100
         * @return this
         */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /**
         * @param deployment instances and placement
         * @return this
         */
        public Builder deployment(Deployment deployment) {
            this.deployment = Objects.requireNonNull(deployment, "deployment");
            return this;
        }

        /**
         * @param queueCapacity per-instance event queue capacity
         * @return this
         */
        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
            return this;
        }

        /**
         * @param handler how the platform calls the KPM handler
         * @return this
         */
        public Builder handler(HandlerSpec handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * @param subscriptions E2 subscriptions
         * @return this
         */
        public Builder subscriptions(List<SubscriptionSpec> subscriptions) {
            this.subscriptions = List.copyOf(subscriptions);
            return this;
        }

        /**
         * @param controls RIC Control actions
         * @return this
         */
        public Builder controls(List<ControlSpec> controls) {
            this.controls = List.copyOf(controls);
            return this;
        }

        /**
         * @param policyTypes A1 policy types
         * @return this
         */
        public Builder policyTypes(List<PolicyTypeSpec> policyTypes) {
            this.policyTypes = List.copyOf(policyTypes);
            return this;
        }

        /**
         * @param models ML models
         * @return this
         */
        public Builder models(List<ModelSpec> models) {
            this.models = List.copyOf(models);
            return this;
        }

        /**
         * @param config configuration, or null
         * @return this
         */
        public Builder config(ConfigSpec config) {
            this.config = config;
            return this;
        }

        /**
         * @param experience what the xApp records as experience, or null
         * @return this
         */
        public Builder experience(ExperienceSpec experience) {
            this.experience = experience;
            return this;
        }

        /**
         * The descriptor. The builder checks only that required values are present; the rules of
         * the descriptor format are checked by the platform's parser.
         */
        public XappDescriptor build() {
            return new XappDescriptor(this);
        }
    }
}
