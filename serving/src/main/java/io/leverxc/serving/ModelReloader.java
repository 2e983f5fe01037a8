package io.leverxc.serving;

import io.leverxc.model.LabelPredictor;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a bundle while the current model keeps serving, then swaps the new model in. One load runs
 * at a time. A load that fails leaves the current model in place. Thread-safe.
 */
final class ModelReloader {
  private static final Logger LOG = LoggerFactory.getLogger(ModelReloader.class);

  private final ModelLoader loader;
  private final ModelSlot slot;
  private final ServerMetrics metrics;
  private final ReentrantLock loading = new ReentrantLock();

  ModelReloader(ModelLoader loader, ModelSlot slot, ServerMetrics metrics) {
    this.loader = loader;
    this.slot = slot;
    this.metrics = metrics;
  }

  /**
   * The outcome of one load.
   *
   * @param model id of the model now serving (the new one on success, the old one or null on failure)
   * @param previousModel id of the model serving before, or null
   * @param error why the load failed, or null on success
   * @param tookMillis time spent loading
   * @param labelSpace how the new model's label texts differ from the previous model's, or null on
   *     failure and when no model was serving before
   */
  record Outcome(String model, String previousModel, String error, long tookMillis, LabelSpaceChange labelSpace) {
    boolean succeeded() {
      return error == null;
    }
  }

  /**
   * Loads {@code bundle} and installs it.
   *
   * @param counted whether the attempt counts in the reload metrics (false for the start-up load)
   * @return the outcome, or null when another load is already running
   */
  Outcome reload(Path bundle, boolean counted) {
    if (!loading.tryLock()) {
      return null;
    }
    try {
      return loadAndInstall(bundle, counted);
    } finally {
      loading.unlock();
    }
  }

  /**
   * Returns whether a load failed on its input: a missing or damaged bundle or data set, or a
   * folder that is neither, which the loader reports as an IllegalArgumentException with a message.
   */
  private static boolean isInputError(Exception e) {
    return e instanceof io.leverxc.bundle.BundleFormatException
        || e instanceof io.leverxc.data.DataFormatException
        || (e instanceof IllegalArgumentException && e.getMessage() != null && !(e instanceof NumberFormatException));
  }

  private Outcome loadAndInstall(Path bundle, boolean counted) {
    String previous = currentModelId();
    long start = System.nanoTime();
    LOG.info("Loading model from {} (now serving: {})", bundle, previous == null ? "none" : previous);
    LabelPredictor model = null;
    LabelSpaceChange labelSpace;
    try {
      model = loader.load(bundle);
      if (model == null) {
        throw new IllegalStateException("the model loader returned null");
      }
      labelSpace = compareWithServingModel(model);
    } catch (Exception e) {
      // Any failure of the loader or the comparison, checked or not, must leave the old model serving.
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      if (counted) {
        metrics.reloadFailed();
      }
      if (isInputError(e)) {
        // A missing or damaged bundle or data set is an input error, so the log gives one line, with
        // the stack trace at DEBUG level.
        LOG.warn("Loading model from {} failed after {} ms: {}; still serving {}",
            bundle, tookMillis, e.getMessage(), previous == null ? "no model" : previous);
        LOG.debug("stack trace of the failed load above", e);
      } else {
        LOG.error("Loading model from {} failed after {} ms; still serving {}",
            bundle, tookMillis, previous == null ? "no model" : previous, e);
      }
      closeUnused(model, bundle);
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Outcome(previous, previous, reason, tookMillis, null);
    }
    slot.install(model, bundle.toString());
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    if (counted) {
      metrics.reloadSucceeded();
    }
    LOG.info("Now serving model {} ({} labels) from {}, loaded in {} ms; previous model: {}",
        model.modelId(), model.labelCount(), bundle, tookMillis, previous == null ? "none" : previous);
    return new Outcome(model.modelId(), previous, null, tookMillis, labelSpace);
  }

  /**
   * Compares the label texts of {@code next} with those of the model now serving, and logs a
   * warning when label ids change meaning. Returns null when no model is serving.
   */
  private LabelSpaceChange compareWithServingModel(LabelPredictor next) {
    try (ModelSlot.Lease lease = slot.acquire()) {
      if (lease == null) {
        return null;
      }
      LabelPredictor previous = lease.model();
      LabelSpaceChange change = LabelSpaceChange.compare(previous, next);
      if (change.kind() == LabelSpaceChange.Kind.CHANGED) {
        LOG.warn("Model {} ({} labels) changes the label space of model {} ({} labels) from label id {} on,"
                + " so label ids that clients stored may now name other labels or none",
            next.modelId(), next.labelCount(), previous.modelId(), previous.labelCount(), change.firstDifferingId());
      }
      return change;
    }
  }

  /** Closes a model that was loaded but will not be installed. */
  private static void closeUnused(LabelPredictor model, Path bundle) {
    if (model == null) {
      return;
    }
    try {
      model.close();
    } catch (Exception e) {
      // The load already failed and is reported, so a failing close is only logged.
      LOG.error("Closing the unused model {} loaded from {} failed", model.modelId(), bundle, e);
    }
  }

  private String currentModelId() {
    try (ModelSlot.Lease lease = slot.acquire()) {
      return lease == null ? null : lease.model().modelId();
    }
  }
}
