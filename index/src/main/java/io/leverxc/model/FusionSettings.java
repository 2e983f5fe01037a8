package io.leverxc.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of {@link FusedScorer}: the fused score of label {@code l} for embedding {@code x} is
 * {@code alpha · σ(w_l · x + b_l) + (1 − alpha) · σ(cosineScale · cos(x, e_l) + cosineShift)}.
 *
 * @param alpha weight of the classifier probability, in [0, 1]; 1 uses the classifiers only and
 *     0 the label embeddings only
 * @param cosineScale slope {@code a} that turns a cosine into a logit, positive
 * @param cosineShift offset {@code c} added to the scaled cosine
 * @param classifierShortlist number of labels taken from the classifier-vector searcher
 * @param embeddingShortlist number of labels taken from the label-embedding searcher
 */
public record FusionSettings(
    float alpha, float cosineScale, float cosineShift, int classifierShortlist, int embeddingShortlist) {

  /**
   * Default mixing weight. FusionTuner replaces alpha, scale and shift with values tuned on a
   * validation split; these defaults only serve models that were never tuned.
   */
  public static final float DEFAULT_ALPHA = 0.5f;

  public static final float DEFAULT_COSINE_SCALE = 10f;
  public static final float DEFAULT_COSINE_SHIFT = -5f;

  /** Shortlist size per searcher; 100 follows the neighbour count of the LEVER reference code. */
  public static final int DEFAULT_SHORTLIST = 100;

  /** Upper bound on each shortlist, so one bad setting cannot make every query scan a huge list. */
  public static final int MAX_SHORTLIST = 100_000;

  public FusionSettings {
    if (!(alpha >= 0f && alpha <= 1f)) {
      throw new IllegalArgumentException("fusion alpha must be in [0, 1], got " + alpha);
    }
    if (!(cosineScale > 0f) || Float.isInfinite(cosineScale)) {
      throw new IllegalArgumentException("fusion cosineScale must be positive and finite, got " + cosineScale);
    }
    if (!Float.isFinite(cosineShift)) {
      throw new IllegalArgumentException("fusion cosineShift must be finite, got " + cosineShift);
    }
    checkShortlist("classifierShortlist", classifierShortlist);
    checkShortlist("embeddingShortlist", embeddingShortlist);
  }

  private static void checkShortlist(String name, int value) {
    if (value < 0 || value > MAX_SHORTLIST) {
      throw new IllegalArgumentException(
          "fusion " + name + " must be in [0, " + MAX_SHORTLIST + "], got " + value);
    }
  }

  /** Returns the untuned defaults. */
  public static FusionSettings defaults() {
    return new FusionSettings(
        DEFAULT_ALPHA, DEFAULT_COSINE_SCALE, DEFAULT_COSINE_SHIFT, DEFAULT_SHORTLIST, DEFAULT_SHORTLIST);
  }

  /** Returns a copy with other alpha, scale and shift, keeping the shortlist sizes. */
  public FusionSettings withWeights(float newAlpha, float newScale, float newShift) {
    return new FusionSettings(newAlpha, newScale, newShift, classifierShortlist, embeddingShortlist);
  }

  /** Returns the settings as ordered name/value pairs for the model bundle's manifest. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("alpha", alpha);
    map.put("cosineScale", cosineScale);
    map.put("cosineShift", cosineShift);
    map.put("classifierShortlist", classifierShortlist);
    map.put("embeddingShortlist", embeddingShortlist);
    return map;
  }

  /**
   * Reads settings written by {@link #toMap()}.
   *
   * @throws IllegalArgumentException naming the missing or invalid entry
   */
  public static FusionSettings fromMap(Map<String, ?> map) {
    return new FusionSettings(
        number(map, "alpha").floatValue(),
        number(map, "cosineScale").floatValue(),
        number(map, "cosineShift").floatValue(),
        number(map, "classifierShortlist").intValue(),
        number(map, "embeddingShortlist").intValue());
  }

  private static Number number(Map<String, ?> map, String key) {
    Object value = map.get(key);
    if (value instanceof Number number) {
      return number;
    }
    throw new IllegalArgumentException(
        "fusion setting '" + key + "' must be a number, found " + (value == null ? "nothing" : "'" + value + "'"));
  }
}
