package io.leverxc.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of {@link FusedScorer}: the fused score of label {@code l} for embedding {@code x} is
 * {@code alpha · σ(w_l · x + b_l) + (1 − alpha) · σ(cosineScale · cos(x, e_l) + cosineShift)
 * + neighbourWeight · v_l + sparseWeight · σ(u_l · d + d_l)}, where {@code v_l} is the vote of the
 * {@code neighbourCount} nearest training documents ({@link DocumentNeighbours}) and the last term
 * is the sparse one-vs-all classifier on the document's TF-IDF features {@code d}
 * ({@link SparseClassifiers}).
 *
 * @param alpha weight of the classifier probability, in [0, 1]; 1 uses the classifiers only and
 *     0 the label embeddings only
 * @param cosineScale slope {@code a} that turns a cosine into a logit, positive
 * @param cosineShift offset {@code c} added to the scaled cosine
 * @param classifierShortlist number of labels taken from the classifier-vector searcher
 * @param embeddingShortlist number of labels taken from the label-embedding searcher
 * @param neighbourWeight weight {@code γ} of the document-neighbour vote, at least 0; 0 leaves it out
 * @param neighbourCount training documents that vote, at least 0; 0 leaves the vote out
 * @param sparseWeight weight {@code β} of the sparse classifier probability, at least 0; 0 leaves it out
 */
public record FusionSettings(
    float alpha,
    float cosineScale,
    float cosineShift,
    int classifierShortlist,
    int embeddingShortlist,
    float neighbourWeight,
    int neighbourCount,
    float sparseWeight) {

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

  /**
   * Default number of voting training documents. On the validation split of the bundled WordNet
   * data, 10, 25 and 50 came within about 1.5 points of each other, and 25 is the middle one.
   */
  public static final int DEFAULT_NEIGHBOUR_COUNT = 25;

  /** Upper bound on the voting documents. */
  public static final int MAX_NEIGHBOUR_COUNT = 1_000;

  /** Settings without the document-neighbour vote, as bundles written before it had. */
  public FusionSettings(
      float alpha, float cosineScale, float cosineShift, int classifierShortlist, int embeddingShortlist) {
    this(alpha, cosineScale, cosineShift, classifierShortlist, embeddingShortlist, 0f, 0);
  }

  /** Settings without the sparse classifier term, as bundles written before it had. */
  public FusionSettings(
      float alpha,
      float cosineScale,
      float cosineShift,
      int classifierShortlist,
      int embeddingShortlist,
      float neighbourWeight,
      int neighbourCount) {
    this(alpha, cosineScale, cosineShift, classifierShortlist, embeddingShortlist, neighbourWeight, neighbourCount, 0f);
  }

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
    if (!(neighbourWeight >= 0f) || Float.isInfinite(neighbourWeight)) {
      throw new IllegalArgumentException("fusion neighbourWeight must be finite and at least 0, got " + neighbourWeight);
    }
    if (neighbourCount < 0 || neighbourCount > MAX_NEIGHBOUR_COUNT) {
      throw new IllegalArgumentException(
          "fusion neighbourCount must be in [0, " + MAX_NEIGHBOUR_COUNT + "], got " + neighbourCount);
    }
    if (!(sparseWeight >= 0f) || Float.isInfinite(sparseWeight)) {
      throw new IllegalArgumentException("fusion sparseWeight must be finite and at least 0, got " + sparseWeight);
    }
  }

  /** Returns true when the fused score includes the sparse classifier term. */
  public boolean usesSparse() {
    return sparseWeight > 0f;
  }

  /** Returns true when the fused score includes the document-neighbour vote. */
  public boolean usesNeighbours() {
    return neighbourWeight > 0f && neighbourCount > 0;
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

  /** Returns a copy with other alpha, scale and shift, keeping everything else. */
  public FusionSettings withWeights(float newAlpha, float newScale, float newShift) {
    return new FusionSettings(
        newAlpha, newScale, newShift, classifierShortlist, embeddingShortlist, neighbourWeight, neighbourCount,
        sparseWeight);
  }

  /** Returns a copy with another document-neighbour weight, keeping everything else. */
  public FusionSettings withNeighbourWeight(float newWeight) {
    return new FusionSettings(
        alpha, cosineScale, cosineShift, classifierShortlist, embeddingShortlist, newWeight, neighbourCount,
        sparseWeight);
  }

  /** Returns a copy with another number of voting documents, keeping everything else. */
  public FusionSettings withNeighbourCount(int newCount) {
    return new FusionSettings(
        alpha, cosineScale, cosineShift, classifierShortlist, embeddingShortlist, neighbourWeight, newCount,
        sparseWeight);
  }

  /** Returns a copy with another sparse classifier weight, keeping everything else. */
  public FusionSettings withSparseWeight(float newWeight) {
    return new FusionSettings(
        alpha, cosineScale, cosineShift, classifierShortlist, embeddingShortlist, neighbourWeight, neighbourCount,
        newWeight);
  }

  /** Returns the settings as ordered name/value pairs for the model bundle's manifest. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("alpha", alpha);
    map.put("cosineScale", cosineScale);
    map.put("cosineShift", cosineShift);
    map.put("classifierShortlist", classifierShortlist);
    map.put("embeddingShortlist", embeddingShortlist);
    map.put("neighbourWeight", neighbourWeight);
    map.put("neighbourCount", neighbourCount);
    map.put("sparseWeight", sparseWeight);
    return map;
  }

  /**
   * Reads settings written by {@link #toMap()}. The two neighbour entries and the sparse weight are
   * optional, for bundles written before those terms existed, and default to leaving them out.
   *
   * @throws IllegalArgumentException naming the missing or invalid entry
   */
  public static FusionSettings fromMap(Map<String, ?> map) {
    return new FusionSettings(
        number(map, "alpha").floatValue(),
        number(map, "cosineScale").floatValue(),
        number(map, "cosineShift").floatValue(),
        number(map, "classifierShortlist").intValue(),
        number(map, "embeddingShortlist").intValue(),
        map.containsKey("neighbourWeight") ? number(map, "neighbourWeight").floatValue() : 0f,
        map.containsKey("neighbourCount") ? number(map, "neighbourCount").intValue() : 0,
        map.containsKey("sparseWeight") ? number(map, "sparseWeight").floatValue() : 0f);
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
