package io.jric.xapps.ml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command line of an xApp's {@code Evaluate}: the flags every evaluation takes
 * ({@code --seeds a,b,c}, {@code --minutes M}, {@code --model bundle.zip}) plus the xApp's own, each
 * with one value. A wrong command line is an {@link IllegalArgumentException} that names the flag
 * and says what was expected; {@link #parseOrExit} prints it with the usage and exits with status 2.
 */
public final class EvalOptions {
    private static final Set<String> COMMON = Set.of("--seeds", "--minutes", "--model");

    private final Map<String, String> values;

    private EvalOptions(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses and checks {@code args}. {@code extraFlags} are the xApp's own flags, each
     * {@code --name=kind} with kind {@code int}, {@code numbers} (comma-separated) or {@code text}.
     *
     * @throws IllegalArgumentException an unknown flag, a flag without its value, or a value of the wrong kind
     */
    public static EvalOptions parse(String[] args, String... extraFlags) {
        Map<String, String> kinds = new HashMap<>();
        for (String c : COMMON) kinds.put(c, "common");
        for (String spec : extraFlags) {
            int eq = spec.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("flag spec " + spec + " (expected --name=int|numbers|text)");
            kinds.put(spec.substring(0, eq), spec.substring(eq + 1));
        }
        Set<String> known = new TreeSet<>(kinds.keySet());
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!known.contains(flag)) {
                throw new IllegalArgumentException("unknown argument " + flag + " (expected one of " + known + ")");
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value");
            values.put(flag, args[++i]);
        }
        EvalOptions o = new EvalOptions(values);
        // Check every value now, not halfway through a run.
        o.seeds(List.of());
        o.minutes(1);
        for (Map.Entry<String, String> e : kinds.entrySet()) {
            switch (e.getValue()) {
                case "int" -> o.integer(e.getKey(), 0);
                case "numbers" -> o.numbers(e.getKey(), List.of());
                default -> { }
            }
        }
        return o;
    }

    /** {@link #parse}, or the error and the usage on standard error and exit status 2. */
    public static EvalOptions parseOrExit(String[] args, String usage, String... extraFlags) {
        try {
            return parse(args, extraFlags);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + "\nusage: " + usage);
            System.exit(2);
            return null;
        }
    }

    /** {@code --seeds}: comma-separated simulator seeds. */
    public List<Long> seeds(List<Long> dflt) {
        String v = values.get("--seeds");
        if (v == null) return dflt;
        List<Long> out = new ArrayList<>();
        for (String x : v.split(",")) {
            try {
                out.add(Long.parseLong(x.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seeds needs comma-separated integers, got '" + v + "'");
            }
        }
        return List.copyOf(out);
    }

    /** {@code --minutes}: simulated minutes per run, more than 0. */
    public double minutes(double dflt) {
        String v = values.get("--minutes");
        if (v == null) return dflt;
        double m = number("--minutes", v);
        if (!(m > 0)) throw new IllegalArgumentException("--minutes must be > 0, got " + v);
        return m;
    }

    /** {@code --model}: a bundle to evaluate instead of the trainer's cached one, or null. */
    public Path model() {
        String v = values.get("--model");
        return v == null ? null : Path.of(v);
    }

    /** The simulator preset {@code --config} names ({@code default} when not given; declare {@code "--config=text"}). */
    public String configName() {
        String v = values.get("--config");
        return v == null ? "default" : v;
    }

    /** The simulator configuration of {@link #configName()}; a name that is not a preset exits 2 naming it. */
    public io.jric.sim.SimConfig preset() {
        try {
            return io.jric.sim.SimConfig.preset(configName()).build();
        } catch (IllegalArgumentException e) {
            System.err.println("error: --config: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /** An xApp flag's text, or null when not given. */
    public String string(String flag) {
        return values.get(flag);
    }

    /** An xApp flag as an integer. */
    public int integer(String flag, int dflt) {
        String v = values.get(flag);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs an integer, got '" + v + "'");
        }
    }

    /** An xApp flag as comma-separated numbers. */
    public List<Double> numbers(String flag, List<Double> dflt) {
        String v = values.get(flag);
        if (v == null) return dflt;
        List<Double> out = new ArrayList<>();
        for (String x : v.split(",")) out.add(number(flag, x));
        return List.copyOf(out);
    }

    private static double number(String flag, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, got '" + v + "'");
        }
    }
}
