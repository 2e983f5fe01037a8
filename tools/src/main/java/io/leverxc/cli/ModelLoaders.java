package io.leverxc.cli;

import io.leverxc.data.XcDataset;
import io.leverxc.data.XcFiles;
import io.leverxc.model.LabelPredictor;
import io.leverxc.model.LabelTextPredictor;
import io.leverxc.model.XcModel;
import io.leverxc.serving.ModelLoader;
import io.leverxc.text.FeatureSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ModelLoader} that {@code lever serve} and {@code lever bench serve} use: a model
 * bundle folder (with {@code manifest.json}) loads the trained model, and an XC data set folder
 * (with {@code Y.txt}) serves the TF-IDF label-text baseline fitted on it.
 */
public final class ModelLoaders {
  private static final Logger LOG = LoggerFactory.getLogger(ModelLoaders.class);
  /**
   * Text features of the served baseline: the default word unigrams and bigrams without character
   * n-grams. On LF-WordNetHierarchy-15K (first 3,000 test texts, 2 shared cores) character n-grams
   * raised predict from about 0.06 ms to 1.0 ms per text for P@1 0.161 instead of 0.149.
   */
  public static final FeatureSettings BASELINE_SETTINGS = FeatureSettings.builder().charNgrams(false).build();


  private ModelLoaders() {}

  /** Returns the loader for serving, which fits a data set's baseline on every available processor. */
  public static ModelLoader servingLoader() {
    return ModelLoaders::load;
  }

  /** Returns the loader for serving, which fits a data set's baseline on {@code threads} threads. */
  public static ModelLoader servingLoader(int threads) {
    return path -> load(path, threads);
  }

  /**
   * Loads a model bundle, or fits the label-text baseline when {@code path} is a data set folder.
   *
   * @throws IllegalArgumentException if {@code path} is neither
   */
  public static LabelPredictor load(Path path) {
    return load(path, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Loads a model bundle, or fits the label-text baseline on {@code threads} threads when
   * {@code path} is a data set folder.
   *
   * @throws IllegalArgumentException if {@code path} is neither
   */
  public static LabelPredictor load(Path path, int threads) {
    if (Files.isRegularFile(path.resolve("manifest.json"))) {
      return XcModel.load(path);
    }
    if (Files.isRegularFile(path)) {
      throw new IllegalArgumentException(path + " is a file; pass the folder that contains it: a model bundle (with"
          + " manifest.json) written by 'lever train', or an XC data set folder (with Y.txt or lbl.json)");
    }
    return loadDatasetBaseline(path, threads);
  }

  /**
   * Fits the TF-IDF label-text baseline with {@link #BASELINE_SETTINGS} on {@code threads} threads
   * on the XC dataset folder {@code path}, in either layout: {@code Y.txt}, {@code trn_X.txt} and
   * {@code trn_X_Y.txt}, or {@code lbl.json} and {@code trn.json} (titles as texts), plain or gzip.
   *
   * @throws IllegalArgumentException if {@code path} is not a folder with a {@code Y.txt} or {@code lbl.json}
   */
  public static LabelPredictor loadDatasetBaseline(Path path, int threads) {
    boolean labelTexts = Files.isDirectory(path)
        && (XcFiles.resolveOptional(path, "Y.txt") != null || XcFiles.resolveOptional(path, "lbl.json") != null);
    if (!labelTexts) {
      throw new IllegalArgumentException(
          path + " is neither a model bundle (no manifest.json) nor an XC dataset folder (no Y.txt or lbl.json,"
              + " plain or .gz); pass a bundle written by 'lever train', or a dataset folder such as"
              + " data/LF-WordNetHierarchy-15K to serve the TF-IDF label-text baseline");
    }
    LOG.info("Fitting the TF-IDF label-text baseline on {} (threads: {})", path, threads);
    return LabelTextPredictor.fit(XcDataset.load(path), BASELINE_SETTINGS, threads);
  }
}
