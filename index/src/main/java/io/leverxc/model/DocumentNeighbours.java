package io.leverxc.model;

import io.leverxc.ann.IndexBackend;
import io.leverxc.ann.IndexSettings;
import io.leverxc.ann.Neighbors;
import io.leverxc.ann.VectorIndex;
import io.leverxc.ann.VectorSearcher;
import io.leverxc.bundle.Manifest;
import io.leverxc.data.LabelMatrix;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.Map;

/**
 * Votes for labels through the training documents nearest to a query: each of the {@code count}
 * nearest documents (cosine of unit embeddings) gives its labels a share {@code s^p / Σ s^p} of
 * one vote, with {@code s} its similarity clipped at 0 and {@code p} = {@link #SIMILARITY_POWER}.
 * A label's vote is thus the similarity-weighted fraction of the neighbours that carry it, in
 * [0, 1].
 *
 * <p>Frequent labels are shared by many near-duplicate training documents, so the vote sharpens
 * the head where a linear classifier over one embedding blurs it; rare labels rarely get a vote,
 * which is why it is mixed with the classifiers and the label embeddings instead of replacing
 * them. Thread-safe when the searcher is.
 */
public final class DocumentNeighbours {
  /**
   * Exponent on each neighbour's similarity, so that the closest documents dominate. On the
   * validation split of the bundled WordNet data, 4 scored higher than 1 with 10, 25 and 50 neighbours.
   */
  public static final double SIMILARITY_POWER = 4.0;

  /**
   * Degree M of the training-document graph, above the label graphs' 16. The vote needs the true
   * nearest documents, and a denser graph finds them with a shorter candidate list. On the 54,059
   * training documents of a WordNet demo bundle, with its 2,845 validation documents as queries
   * ({@code lever bench document-graph}), M 24 and efConstruction 150 searched with ef 80 found
   * 94.1% of the exact 25 nearest documents, against 95.8% for M 16, efConstruction 100 and ef 200.
   * A top-10 prediction then took 396 instead of 536 µs of CPU, validation P@1 fell by 0.14 points
   * and the graph took about twice as long to build. Ef 100 found 95.3% and kept validation P@1,
   * but at 455 µs the served median stayed above half a millisecond under ZGC.
   */
  public static final int GRAPH_M = 24;

  /** Candidate list size while building the training-document graph. */
  public static final int GRAPH_EF_CONSTRUCTION = 150;

  /** Candidate list size while searching the training-document graph, at least the vote's count. */
  public static final int GRAPH_EF = 80;

  private final VectorSearcher searcher;
  private final LabelMatrix documentLabels;

  /**
   * @param searcher searches the unit embeddings of the training documents, row i being document i
   * @param documentLabels the labels of each training document, row i being document i
   * @throws IllegalArgumentException if the two disagree on the document count
   */
  public DocumentNeighbours(VectorSearcher searcher, LabelMatrix documentLabels) {
    if (searcher.size() != documentLabels.rows()) {
      throw new IllegalArgumentException(
          "the document searcher indexes " + searcher.size() + " documents but the document labels have "
              + documentLabels.rows() + " rows");
    }
    this.searcher = searcher;
    this.documentLabels = documentLabels;
  }

  /** Returns the default settings of the training-document graph on {@code backend}. */
  public static IndexSettings graphSettings(IndexBackend backend) {
    return new IndexSettings(backend, GRAPH_M, GRAPH_EF_CONSTRUCTION, GRAPH_EF);
  }

  /**
   * Returns the training-document graph settings a bundle records, or, for a bundle written before
   * they were recorded apart, the defaults on the backend of its label graphs.
   *
   * @throws IllegalArgumentException if a recorded section is invalid
   */
  public static IndexSettings graphSettings(Manifest manifest) {
    Map<String, Object> section = manifest.settings().get(BundleLayout.SECTION_DOCUMENT_INDEX);
    if (section != null) {
      return IndexSettingsCodec.fromMap(section);
    }
    Map<String, Object> labelGraphs = manifest.settings().get(BundleLayout.SECTION_INDEX);
    IndexBackend backend =
        labelGraphs == null ? IndexSettings.DEFAULT_BACKEND : IndexSettingsCodec.fromMap(labelGraphs).backend();
    return graphSettings(backend);
  }

  public int documentCount() {
    return searcher.size();
  }

  public int dimension() {
    return searcher.dimension();
  }

  public int labelCount() {
    return documentLabels.columns();
  }

  public VectorSearcher searcher() {
    return searcher;
  }

  public LabelMatrix documentLabels() {
    return documentLabels;
  }

  /**
   * Returns the labels of the {@code count} nearest documents with their votes, each label once,
   * in the order first met. Documents at a cosine of 0 or below do not vote.
   *
   * @param embedding unit embedding of the query in the documents' space
   */
  public Votes vote(float[] embedding, int count) {
    if (count <= 0 || documentCount() == 0) {
      return Votes.EMPTY;
    }
    Neighbors nearest = search(embedding, Math.min(count, documentCount()));

    double total = 0;
    double[] weights = new double[nearest.size()];
    for (int i = 0; i < nearest.size(); i++) {
      weights[i] = Math.pow(Math.max(0f, nearest.scores()[i]), SIMILARITY_POWER);
      total += weights[i];
    }
    if (total <= 0) {
      return Votes.EMPTY;
    }

    int capacity = 0;
    for (int document : nearest.ids()) {
      capacity += documentLabels.rowSize(document);
    }
    int[] labels = new int[capacity];
    float[] votes = new float[capacity];
    int distinct = 0;
    Int2IntOpenHashMap positions = new Int2IntOpenHashMap(capacity);
    positions.defaultReturnValue(-1);
    for (int i = 0; i < nearest.size(); i++) {
      if (weights[i] == 0) {
        continue;
      }
      float share = (float) (weights[i] / total);
      int document = nearest.ids()[i];
      for (int p = documentLabels.rowStart(document); p < documentLabels.rowEnd(document); p++) {
        int label = documentLabels.label(p);
        int position = positions.putIfAbsent(label, distinct);
        if (position < 0) {
          labels[distinct] = label;
          votes[distinct++] = share;
        } else {
          votes[position] += share;
        }
      }
    }
    return new Votes(java.util.Arrays.copyOf(labels, distinct), java.util.Arrays.copyOf(votes, distinct));
  }

  /**
   * Searches with the graph's own ef, never less than the vote's count, because the vote needs the
   * true nearest documents. On a graph of M 16, a candidate list of 50 instead of 200 cost the demo
   * model 2.4 points of P@1, and {@link #GRAPH_M} explains why a denser graph needs a shorter list.
   */
  private Neighbors search(float[] embedding, int count) {
    if (searcher instanceof VectorIndex index) {
      return index.search(embedding, count, Math.max(count, index.settings().ef()));
    }
    return searcher.search(embedding, count);
  }

  /**
   * Labels with their votes, aligned by position.
   *
   * @param labels label ids, each once
   * @param votes vote of each label, in (0, 1]
   */
  public record Votes(int[] labels, float[] votes) {
    static final Votes EMPTY = new Votes(new int[0], new float[0]);

    public int size() {
      return labels.length;
    }
  }
}
