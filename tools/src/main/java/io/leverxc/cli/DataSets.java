package io.leverxc.cli;

import io.leverxc.bundle.Manifest;
import io.leverxc.data.JsonLinesDatasetReader;
import io.leverxc.data.XcDataset;
import io.leverxc.model.BundleLayout;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the data set of a command with the JSON-lines text fields that its options or its bundle name. */
final class DataSets {
  private static final Logger LOG = LoggerFactory.getLogger(DataSets.class);

  private DataSets() {}

  /**
   * Loads {@code folder}, reading a JSON-lines data set's texts from {@code fields}.
   *
   * @param named whether the command line named the fields; on the raw-text layout a warning is then
   *     logged that they have no effect
   */
  static XcDataset load(Path folder, JsonLinesDatasetReader.TextFields fields, boolean named) {
    XcDataset dataset = XcDataset.load(folder, fields);
    if (named && dataset.jsonTextFields() == null) {
      LOG.warn("--json-text has no effect on {}: the raw-text layout has one text per line", folder);
    }
    return dataset;
  }

  /** Loads {@code folder} the way the model in {@code bundle}, with {@code manifest}, read its training data. */
  static XcDataset loadLike(Path folder, Path bundle, Manifest manifest) {
    XcDataset dataset = XcDataset.load(folder, recordedFields(bundle, manifest));
    Map<String, Object> section = manifest.settings().get(BundleLayout.SECTION_DATA);
    if (dataset.jsonTextFields() != null && (section == null || section.get(BundleLayout.JSON_TEXT) == null)) {
      LOG.warn("{} records no JSON text fields, because it was trained on the raw-text layout or before the choice"
          + " was recorded, so the JSON-lines data set {} is read as titles; texts that differ from those the model"
          + " trained on lower its scores", bundle, folder);
    }
    return dataset;
  }

  /**
   * Returns the JSON-lines text fields that a manifest records, or titles for a model that records
   * none: one trained on the raw-text layout, or before the choice was recorded, when titles were
   * the only choice.
   *
   * @throws IllegalArgumentException if the recorded value is not a known choice
   */
  static JsonLinesDatasetReader.TextFields recordedFields(Path bundle, Manifest manifest) {
    Map<String, Object> section = manifest.settings().get(BundleLayout.SECTION_DATA);
    Object value = section == null ? null : section.get(BundleLayout.JSON_TEXT);
    if (value == null) {
      return JsonLinesDatasetReader.TextFields.TITLE;
    }
    try {
      return JsonLinesDatasetReader.TextFields.fromOptionValue(value.toString());
    } catch (IllegalArgumentException e) {
      String found = value instanceof String ? "'" + value + "'" : value + ", not a string";
      throw new IllegalArgumentException(bundle.resolve("manifest.json") + ": settings." + BundleLayout.SECTION_DATA + "."
          + BundleLayout.JSON_TEXT + " is " + found + "; expected title or title-content", e);
    }
  }
}
