package io.leverxc.serving;

import io.leverxc.model.LabelPredictor;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads a model from a bundle path. The server calls it once at start-up and again on every
 * reload, from a single thread at a time, while the previous model keeps serving.
 */
@FunctionalInterface
public interface ModelLoader {

  /**
   * Loads the model stored at {@code bundle}. The caller owns the returned predictor and closes it.
   *
   * @throws IOException if the bundle cannot be read
   * @throws RuntimeException (for example {@link IllegalArgumentException}) if the bundle is invalid
   */
  LabelPredictor load(Path bundle) throws IOException;
}
