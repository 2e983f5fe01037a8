package io.leverxc.model;

import io.leverxc.ann.Neighbors;
import io.leverxc.ann.TopK;
import io.leverxc.data.XcDataset;
import io.leverxc.text.FeatureSettings;
import io.leverxc.text.TextFeaturizer;
import io.leverxc.text.TfidfFeaturizer;
import io.leverxc.vector.SparseVector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.CRC32C;

/**
 * The label-text nearest-neighbour baseline: a text's score for a label is the dot product of the
 * text's features with the label text's features, both from the same {@link TextFeaturizer}. With
 * L2-normalised TF-IDF features this is the cosine similarity of the two TF-IDF vectors.
 *
 * <p>Scoring walks an inverted index (feature → labels whose text has it), so a query costs the
 * total length of the posting lists of its features, not the number of labels. Only labels that
 * share at least one feature with the text are candidates, so fewer than {@code k} may come back.
 *
 * <p>Immutable after construction and thread-safe. Each call borrows a score buffer from a pool
 * instead of a ThreadLocal, so the buffers number the concurrent calls rather than every thread
 * that ever called.
 */
public final class LabelTextPredictor implements LabelPredictor {
  /** Value of {@code kind} in {@link #summary()}. */
  public static final String KIND = "label-text-tfidf";

  private final TextFeaturizer featurizer;
  private final List<String> labelTexts;
  private final String modelId;
  // Inverted index in CSR layout: the labels having feature f are
  // postingLabels[postingStart[f] .. postingStart[f + 1]), with their feature values in postingWeights.
  private final int[] postingStart;
  private final int[] postingLabels;
  private final float[] postingWeights;
  private final ConcurrentLinkedQueue<ScoreBuffer> buffers = new ConcurrentLinkedQueue<>();

  /**
   * Featurizes every label text and builds the inverted index.
   *
   * @param featurizer the fitted featurizer; queries go through the same instance
   * @param labelTexts one text per label, label id = position
   * @param modelId id reported by {@link #modelId()}, for example a hash of the label texts
   * @throws IllegalArgumentException if there are no labels
   * @throws IllegalStateException if the featurizer returns an index outside its own dimension
   */
  public LabelTextPredictor(TextFeaturizer featurizer, List<String> labelTexts, String modelId) {
    this.featurizer = Objects.requireNonNull(featurizer, "featurizer");
    this.labelTexts = List.copyOf(labelTexts);
    this.modelId = Objects.requireNonNull(modelId, "modelId");
    if (this.labelTexts.isEmpty()) {
      throw new IllegalArgumentException("labelTexts is empty; the model needs at least one label");
    }

    int dimension = featurizer.dimension();
    SparseVector[] labelFeatures = new SparseVector[this.labelTexts.size()];
    int[] postingCounts = new int[dimension];
    long totalPostings = 0;
    for (int label = 0; label < labelFeatures.length; label++) {
      SparseVector features = featurizer.features(this.labelTexts.get(label));
      labelFeatures[label] = features;
      for (int i = 0; i < features.size(); i++) {
        int feature = features.index(i);
        if (feature >= dimension) {
          throw new IllegalStateException(
              "featurizer returned feature " + feature + " for label " + label + " but declares dimension " + dimension);
        }
        postingCounts[feature]++;
      }
      totalPostings += features.size();
    }
    if (totalPostings > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("label texts have " + totalPostings + " features in total, more than an int array holds");
    }

    this.postingStart = new int[dimension + 1];
    for (int feature = 0; feature < dimension; feature++) {
      postingStart[feature + 1] = postingStart[feature] + postingCounts[feature];
    }
    this.postingLabels = new int[(int) totalPostings];
    this.postingWeights = new float[(int) totalPostings];
    int[] next = java.util.Arrays.copyOf(postingStart, dimension);
    // Labels are visited in id order, so each posting list is sorted by label id.
    for (int label = 0; label < labelFeatures.length; label++) {
      SparseVector features = labelFeatures[label];
      for (int i = 0; i < features.size(); i++) {
        int position = next[features.index(i)]++;
        postingLabels[position] = label;
        postingWeights[position] = features.value(i);
      }
    }
  }

  /**
   * Fits a TF-IDF featurizer on the training texts and label texts of {@code dataset} and builds
   * the baseline over its label texts. The model id is {@value #KIND} followed by a checksum of the
   * label texts and the settings, so two datasets or two settings never share an id.
   *
   * @param threads worker threads for fitting the featurizer, at least 1
   */
  public static LabelTextPredictor fit(XcDataset dataset, FeatureSettings settings, int threads) {
    List<String> fitTexts = new ArrayList<>(dataset.trainTexts().size() + dataset.labelCount());
    fitTexts.addAll(dataset.trainTexts());
    fitTexts.addAll(dataset.labelTexts());
    TfidfFeaturizer featurizer = TfidfFeaturizer.fit(settings, fitTexts, threads);
    return new LabelTextPredictor(featurizer, dataset.labelTexts(), KIND + "-" + checksum(dataset.labelTexts(), settings));
  }

  /** Returns a CRC-32C of the label texts and the settings, as 8 hex digits. */
  private static String checksum(List<String> labelTexts, FeatureSettings settings) {
    CRC32C crc = new CRC32C();
    for (String text : labelTexts) {
      crc.update(text.getBytes(StandardCharsets.UTF_8));
      crc.update('\n');
    }
    crc.update(settings.toMap().toString().getBytes(StandardCharsets.UTF_8));
    return String.format(java.util.Locale.ROOT, "%08x", crc.getValue());
  }

  @Override
  public boolean hasFeatures(String text) {
    return !featurizer.features(text).isEmpty();
  }

  @Override
  public List<ScoredLabel> predict(String text, int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be positive, got " + k);
    }
    SparseVector query = featurizer.features(text);
    if (query.isEmpty()) {
      return List.of();
    }
    ScoreBuffer buffer = borrowBuffer();
    try {
      accumulate(query, buffer);
      return topK(buffer, k);
    } finally {
      buffer.clear();
      buffers.offer(buffer);
    }
  }

  private void accumulate(SparseVector query, ScoreBuffer buffer) {
    int[] queryIndices = query.indices();
    float[] queryValues = query.values();
    for (int i = 0; i < queryIndices.length; i++) {
      int feature = queryIndices[i];
      if (feature >= postingStart.length - 1) {
        continue;
      }
      float queryValue = queryValues[i];
      for (int p = postingStart[feature]; p < postingStart[feature + 1]; p++) {
        buffer.add(postingLabels[p], queryValue * postingWeights[p]);
      }
    }
  }

  private static List<ScoredLabel> topK(ScoreBuffer buffer, int k) {
    TopK best = new TopK(Math.min(k, buffer.touchedCount));
    for (int i = 0; i < buffer.touchedCount; i++) {
      int label = buffer.touched[i];
      best.offer(label, buffer.scores[label]);
    }
    Neighbors neighbors = best.toNeighbors();
    List<ScoredLabel> labels = new ArrayList<>(neighbors.size());
    for (int i = 0; i < neighbors.size(); i++) {
      labels.add(new ScoredLabel(neighbors.ids()[i], neighbors.scores()[i]));
    }
    return labels;
  }

  private ScoreBuffer borrowBuffer() {
    ScoreBuffer buffer = buffers.poll();
    return buffer != null ? buffer : new ScoreBuffer(labelTexts.size());
  }

  @Override
  public int labelCount() {
    return labelTexts.size();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IndexOutOfBoundsException if {@code id} is not in [0, labelCount())
   */
  @Override
  public String labelText(int id) {
    return labelTexts.get(id);
  }

  @Override
  public String modelId() {
    return modelId;
  }

  /** Adds the kind, feature dimension and posting count to the default summary. */
  @Override
  public Map<String, Object> summary() {
    Map<String, Object> summary = new LinkedHashMap<>(LabelPredictor.super.summary());
    summary.put("kind", KIND);
    summary.put("feature_dimension", featurizer.dimension());
    summary.put("postings", postingLabels.length);
    return summary;
  }

  /** Per-call scores of every label, and the list of labels touched so they can be reset cheaply. */
  private static final class ScoreBuffer {
    final float[] scores;
    final boolean[] seen;
    final int[] touched;
    int touchedCount;

    ScoreBuffer(int labelCount) {
      scores = new float[labelCount];
      seen = new boolean[labelCount];
      touched = new int[labelCount];
    }

    void add(int label, float value) {
      if (!seen[label]) {
        seen[label] = true;
        touched[touchedCount++] = label;
      }
      scores[label] += value;
    }

    void clear() {
      for (int i = 0; i < touchedCount; i++) {
        int label = touched[i];
        scores[label] = 0f;
        seen[label] = false;
      }
      touchedCount = 0;
    }
  }
}
