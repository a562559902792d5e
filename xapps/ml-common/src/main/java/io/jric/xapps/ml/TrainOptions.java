package io.jric.xapps.ml;

import io.jric.sim.SimConfig;
import java.nio.file.Path;

/**
 * What a model trainer records and how long it trains: the options every xApp's {@code Trainer}
 * shares, and the command line that sets them.
 *
 * @param seed       seed of the model (and of the recordings derived from it)
 * @param trainSeeds how many simulations are recorded for training
 * @param minutes    simulated minutes per recording
 * @param epochs     passes over the data
 * @param config     the simulated network (each trainer replaces the seed per recording)
 */
public record TrainOptions(long seed, int trainSeeds, double minutes, int epochs, SimConfig config) {

    /** Trains a model from options; a trainer's {@code train} method. */
    @FunctionalInterface
    public interface Training {
        ModelBundle train(TrainOptions options) throws Exception;
    }

    public TrainOptions {
        if (trainSeeds < 1) throw new IllegalArgumentException("trainSeeds must be >= 1, got " + trainSeeds);
        if (!(minutes > 0)) throw new IllegalArgumentException("minutes must be > 0, got " + minutes);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (config == null) throw new IllegalArgumentException("config must not be null");
    }

    /** The options and output file a trainer's command line asks for. */
    public record Command(TrainOptions options, Path out) {}

    /** A trainer's {@code --config <preset>} taken off its command line: the preset's name and the other arguments. */
    public record ConfigArg(String name, String[] rest) {
        /** Whether the default network was asked for (or none). */
        public boolean isDefault() {
            return name.equals("default");
        }
    }

    /**
     * Takes {@code --config <preset>} (a simulator preset: {@code SimConfig.preset}) off {@code args}; {@code default}
     * when absent. An unknown preset or a missing value is printed, naming it, and the JVM exits with status 2.
     */
    public static ConfigArg takeConfigOrExit(String[] args, java.util.Set<String> allowed) {
        try {
            return takeConfig(args, allowed);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /** As {@link #takeConfigOrExit}, throwing instead of exiting. */
    public static ConfigArg takeConfig(String[] args, java.util.Set<String> allowed) {
        java.util.List<String> rest = new java.util.ArrayList<>(java.util.List.of(args));
        int at = rest.indexOf("--config");
        if (at < 0) return new ConfigArg("default", args);
        if (at + 1 >= rest.size()) throw new IllegalArgumentException("--config needs a value (one of " + allowed + ")");
        String name = rest.get(at + 1);
        if (!allowed.contains(name)) throw new IllegalArgumentException("--config: one of " + allowed + ", got '" + name + "'");
        rest.remove(at + 1);
        rest.remove(at);
        return new ConfigArg(name, rest.toArray(String[]::new));
    }

    /**
     * Parses {@code [--seed N] [--train-seeds N] [--minutes M] [--epochs E] [--out file.zip]} on top
     * of {@code defaults}; {@code out} is null when not given.
     */
    public static Command parse(String[] args, TrainOptions defaults) {
        TrainOptions o = defaults;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = switch (flag) {
                case "--seed", "--train-seeds", "--minutes", "--epochs", "--out" -> {
                    if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value" + USAGE);
                    yield args[++i];
                }
                default -> throw new IllegalArgumentException("unknown argument " + flag + USAGE);
            };
            try {
                switch (flag) {
                    case "--seed" -> o = new TrainOptions(Long.parseLong(value), o.trainSeeds, o.minutes, o.epochs, o.config);
                    case "--train-seeds" -> o = new TrainOptions(o.seed, Integer.parseInt(value), o.minutes, o.epochs, o.config);
                    case "--minutes" -> o = new TrainOptions(o.seed, o.trainSeeds, Double.parseDouble(value), o.epochs, o.config);
                    case "--epochs" -> o = new TrainOptions(o.seed, o.trainSeeds, o.minutes, Integer.parseInt(value), o.config);
                    default -> out = Path.of(value);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " needs a number, got '" + value + "'" + USAGE, e);
            }
        }
        return new Command(o, out);
    }

    /**
     * A trainer's {@code main}: parses the command line, trains, and writes the bundle to
     * {@code --out} or to the model cache under {@code modelName}/{@code trainerVersion}/seed. A bad
     * command line prints what is wrong and exits with status 2.
     */
    public static void runMain(String[] args, TrainOptions defaults, String modelName, String trainerVersion,
                               Training training) throws Exception {
        Command c;
        try {
            c = parse(args, defaults);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path out = c.out() != null ? c.out() : ModelCache.file(modelName, trainerVersion, c.options().seed());
        ModelBundle b = training.train(c.options());
        b.save(out);
        System.out.println("wrote " + out.toAbsolutePath() + " (sha-256 of the network "
                + ModelBundle.fromBytes(b.toBytes()).metadata().sha256() + ")");
    }

    private static final String USAGE =
            " (usage: Trainer [--seed N] [--train-seeds N] [--minutes M] [--epochs E] [--out file.zip])";
}
