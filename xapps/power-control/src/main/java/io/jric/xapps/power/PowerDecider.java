package io.jric.xapps.power;

import io.jric.api.kpm.CellKpi;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.ModelCache;
import io.jric.xapps.ml.Predictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The power-control xApp's decision for one cell, for harnesses that need real inference per report
 * without the xApp around it (the loop benchmark, {@code ./ric bench loop --ml power}): the trained power
 * model through {@link Predictor} ({@code AUTO}: 27 candidate levels, one row each) and
 * {@link PowerModel#decideLevel} under the default policy, from the cell's reported Tx power.
 * Found by class name, so a harness needs no compile-time dependency on DL4J. Not thread-safe.
 */
public final class PowerDecider implements ToDoubleFunction<CellKpi> {
    private final PowerModel model = new PowerModel();
    private final Predictor predictor;
    private final String provenance;

    /**
     * The default model (trainer {@value Trainer#TRAINER_VERSION}, seed {@value Trainer#DEFAULT_SEED}) from the
     * model cache; trained and cached first when absent (prints its progress; a few minutes on two cores).
     */
    public PowerDecider() throws Exception {
        Path file = ModelCache.file(PowerModel.MODEL_NAME, Trainer.TRAINER_VERSION, Trainer.DEFAULT_SEED);
        boolean cached = Files.isRegularFile(file);
        ModelBundle bundle = ModelCache.getOrMake(file, () -> Trainer.train(Trainer.defaults()));
        this.predictor = new Predictor(bundle);
        this.provenance = "power-control's model " + bundle.metadata().modelName() + " v" + bundle.metadata().version()
                + (cached ? " from " : " trained now and saved to ") + file;
    }

    /** A decider over the given model bundle. */
    public PowerDecider(ModelBundle bundle) {
        this.predictor = new Predictor(Objects.requireNonNull(bundle, "bundle"));
        this.provenance = "power-control's model " + bundle.metadata().modelName() + " v" + bundle.metadata().version();
    }

    /** The Tx power (dBm) the power model chooses for the cell, moving from its reported power. */
    @Override
    public double applyAsDouble(CellKpi cell) {
        return model.decideLevel(predictor, PowerPolicy.DEFAULT, List.of(cell), cell.txPowerDbm());
    }

    /** Which model, and where it came from. */
    @Override
    public String toString() {
        return provenance;
    }
}
