package io.leverxc.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Returns the top-k labels of a text. This is what the command line's {@code predict} and the
 * HTTP server call. Implementations are thread-safe and hold only read-only state after loading.
 */
public interface LabelPredictor extends AutoCloseable {

  /**
   * Returns at most {@code k} labels for {@code text}, best first. Empty or featureless text gives
   * an empty list, not an error.
   *
   * @throws IllegalArgumentException if {@code k} is not positive
   */
  List<ScoredLabel> predict(String text, int k);

  /**
   * Returns whether the model extracts any feature from {@code text}. A text without features,
   * blank or made only of words outside the model's vocabulary, gets no labels. The default
   * returns true for every text that is not blank.
   */
  default boolean hasFeatures(String text) {
    return !text.isBlank();
  }

  /** Number of labels in the model's label space. */
  int labelCount();

  /** Text of label {@code id}. */
  String labelText(int id);

  /**
   * Returns whether label {@code id} was removed by {@code lever retrain}: it keeps its id and text
   * but is never predicted. The default returns false, for models that cannot remove labels.
   */
  default boolean isRemoved(int id) {
    return false;
  }

  /** Identifier of the loaded model (for a bundle, its id from the manifest). */
  String modelId();

  /**
   * Describes the model for {@code GET /v1/model}: JSON-ready values (strings, numbers, booleans,
   * and lists or maps of them). The default gives the model id and label count; a bundle adds its
   * manifest fields.
   */
  default Map<String, Object> summary() {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("model_id", modelId());
    summary.put("label_count", labelCount());
    return summary;
  }

  /** Releases resources; the default does nothing. */
  @Override
  default void close() {}

  /**
   * One predicted label.
   *
   * @param id label id, the 0-based line of {@code Y.txt}
   * @param score relevance score, higher is better; it ranks labels within one prediction and is
   *     not a calibrated probability
   */
  record ScoredLabel(int id, float score) {}
}
