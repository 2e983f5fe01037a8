package io.leverxc.cli;

import io.leverxc.bundle.BundleReader;
import io.leverxc.bundle.Manifest;
import io.leverxc.classifier.ValidationSplit;
import io.leverxc.data.FilterFiles;
import io.leverxc.data.XcDataset;
import io.leverxc.model.BundleLayout;
import io.leverxc.pipeline.RetrainingPipeline;
import java.nio.file.Path;
import java.util.Map;

/**
 * The validation split a bundle's training carved from its data set, found again from the fraction
 * and seed in the manifest. Its documents tuned the fusion weights but trained nothing, so the
 * benchmarks use them as unseen queries without touching the test split.
 */
final class BundleValidationSplit {
  /** Names of the training files start with this in the LF and JSON-lines layouts. */
  private static final String TRAINING_FILE_PREFIX = "trn";

  private BundleValidationSplit() {}

  /**
   * Returns the split of {@code dataset}'s training documents that {@code model} was trained with.
   *
   * @throws IllegalArgumentException if the manifest lacks the fraction or seed, the fraction is 0,
   *     or the data set's training documents differ in number or in their files' checksums
   */
  static ValidationSplit of(Path model, Manifest manifest, Path data, XcDataset dataset) {
    Map<String, Object> training = manifest.settings().get(BundleLayout.SECTION_TRAINING);
    if (training == null
        || !(training.get("validation_fraction") instanceof Number fraction)
        || !(training.get("seed") instanceof Number seed)) {
      throw new IllegalArgumentException(
          model + ": the manifest's training section has no validation_fraction and seed, so the validation"
              + " documents cannot be found again");
    }
    if (fraction.doubleValue() == 0) {
      throw new IllegalArgumentException(model + " was trained without a validation split, so there are no unseen queries");
    }
    Integer trained = manifest.dimensions().get(RetrainingPipeline.TRAINING_DOCUMENTS);
    if (trained != null && trained != dataset.trainTexts().size()) {
      throw new IllegalArgumentException(
          data + " has " + dataset.trainTexts().size() + " training documents, but " + model + " was trained on "
              + trained + "; pass the data set the bundle was trained on");
    }
    checkTrainingFiles(model, manifest, data);
    BundleReader bundle = BundleReader.open(model);
    if (bundle.has(BundleLayout.VALIDATION_ROWS)) {
      return recorded(model, bundle.ints(BundleLayout.VALIDATION_ROWS), dataset.trainTexts().size());
    }
    if (manifest.settings().containsKey(BundleLayout.SECTION_RETRAIN)) {
      // A retrain holds out documents its parent never trained on, which the seed alone cannot find
      // again, so the split follows the texts the bundle trained on.
      ValidationSplit heldOut = RetrainingPipeline.heldOutSplit(model, dataset.trainTexts());
      if (heldOut == null) {
        throw new IllegalArgumentException(
            model + " was retrained but records no trained texts, so its validation documents cannot be found again");
      }
      return heldOut;
    }
    return ValidationSplit.carve(dataset.trainTexts().size(), fraction.doubleValue(), seed.longValue());
  }

  /**
   * Returns the names of the training files ({@code trn*}, and the training filter under the XC
   * repository's name) among {@code files}, sorted.
   */
  private static java.util.Set<String> trainingFiles(Map<String, String> files) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (String name : files.keySet()) {
      if (name.startsWith(TRAINING_FILE_PREFIX) || name.startsWith(FilterFiles.REPOSITORY_TRAIN)) {
        names.add(name);
      }
    }
    return names;
  }

  /** Returns the split with the recorded validation rows and every other row for training. */
  private static ValidationSplit recorded(Path model, int[] validationRows, int rows) {
    boolean[] validation = new boolean[rows];
    for (int row : validationRows) {
      if (row < 0 || row >= rows) {
        throw new IllegalArgumentException(
            model + " records validation row " + row + ", but the data set has " + rows + " training documents;"
                + " pass the data set the bundle was trained on");
      }
      validation[row] = true;
    }
    int[] trainRows = new int[rows - validationRows.length];
    int count = 0;
    for (int row = 0; row < rows; row++) {
      if (!validation[row]) {
        trainRows[count++] = row;
      }
    }
    return new ValidationSplit(java.util.Arrays.copyOf(trainRows, count), validationRows.clone());
  }

  /**
   * Rejects a data set whose training files differ from the ones the bundle recorded, because the
   * split would then pick other texts than the ones training kept out. Files the bundle did not
   * record are not compared.
   */
  private static void checkTrainingFiles(Path model, Manifest manifest, Path data) {
    if (manifest.dataset() == null) {
      return;
    }
    Map<String, String> recorded = manifest.dataset().fileSha256();
    Map<String, String> current = Manifest.DatasetInfo.ofDirectory(data).fileSha256();
    // A file added, removed or compressed since training (a filter file, say) would change the
    // documents or the pairs without any checksum to compare.
    java.util.Set<String> recordedTraining = trainingFiles(recorded);
    java.util.Set<String> currentTraining = trainingFiles(current);
    if (!recordedTraining.equals(currentTraining)) {
      throw new IllegalArgumentException(
          data + " has the training files " + currentTraining + ", but " + model + " was trained on "
              + recordedTraining + "; pass the data set the bundle was trained on, with the same files");
    }
    for (Map.Entry<String, String> file : recorded.entrySet()) {
      boolean training = recordedTraining.contains(file.getKey());
      if (training && current.containsKey(file.getKey()) && !current.get(file.getKey()).equals(file.getValue())) {
        throw new IllegalArgumentException(
            data.resolve(file.getKey()) + " differs from the file " + model + " was trained on (SHA-256 "
                + current.get(file.getKey()) + ", recorded " + file.getValue() + "); pass the data set the bundle"
                + " was trained on");
      }
    }
  }
}
