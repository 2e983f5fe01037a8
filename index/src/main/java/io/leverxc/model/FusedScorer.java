package io.leverxc.model;

import io.leverxc.ann.DotProducts;
import io.leverxc.ann.Neighbors;
import io.leverxc.ann.TopK;
import io.leverxc.ann.VectorIndex;
import io.leverxc.ann.VectorSearcher;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;

/**
 * Ranks labels for a document embedding by fusing the one-vs-all classifiers with the teacher's
 * label embeddings and, when the bundle has them, the labels of the nearest training documents.
 *
 * <p>The shortlist is the union of the nearest classifier vectors (inner product), the nearest
 * label embeddings (cosine, since both sides are unit vectors) and the labels voted for by the
 * nearest training documents. Each shortlisted label {@code l} gets
 * {@code alpha · σ(w_l · x + b_l) + (1 − alpha) · σ(a · cos(x, e_l) + c) + γ · v_l}, with
 * {@code v_l} in [0, 1] the document vote ({@link DocumentNeighbours}), so scores lie in
 * [0, 1 + γ], or [0, 1 + γ + β] with the sparse term below. The classifiers and the document
 * vote carry the frequent labels, which have many training documents, and the label embeddings
 * carry the rare ones, whose label text is often all there is. When the scorer has {@link SparseClassifiers} and the caller passes the document's
 * TF-IDF features, each shortlisted label also gets {@code β · σ(u_l · d + d_l)}, the sparse
 * classifier's probability, which weighs the exact words that the embeddings blur. The labels with
 * the highest sparse logit then join the shortlist too, as many as the classifier searcher gives.
 * On the validation split of LF-Debtags-554 the sparse classifiers alone had a higher P@1 than the
 * fused ranking of the graphs' shortlist. Adding their top labels to the top-10 predictions of
 * three bundles raised P@1 by 0.5 to 0.9 points.
 *
 * <p>With first-slot settings, the first result is the label with the highest score under those
 * settings, and the remaining results follow the main settings. One score has to trade precision
 * at 1 against tail coverage, while two rankings need not. On the validation split of the bundled
 * WordNet data, first-slot settings that favour the document vote kept P@1 at 78.5. The rest of
 * the list, ranked for the tail, kept PSP@5 and C@5 within half a point of a tail-only ranking
 * whose P@1 was 72. The first label's reported score is raised just above the second's where it
 * is not higher, so scores decrease down the list. That raised score depends on k.
 *
 * <p>Thread-safe when both searchers are: {@link #topK} keeps its scratch state on the stack.
 */
public final class FusedScorer {
  /**
   * Shortlist entries per requested result: a top-10 query takes 10 labels from each graph, with a
   * candidate list of 20, rather than the full shortlist, which a top-100 evaluation needs but a
   * served top-10 does not. The union of two graphs and the document vote already contains the top
   * ten. On the validation split of the bundled WordNet data, 10 labels per graph instead of 40
   * cost 0.14 points of R@10 and 0.15 of PSP@5, left P@1 unchanged, and halved the time of the two
   * label-graph searches.
   */
  static final int SHORTLIST_PER_RESULT = 1;
  /** Smallest shortlist taken from each graph, so a top-1 query still searches a list of 20. */
  static final int MIN_SHORTLIST = 10;

  /**
   * Largest label space whose queries take the settings' whole shortlist from each graph, as the
   * tuner does. With 10 labels per graph, a 554-label Debtags subset of 2,000 documents trained
   * without the document vote lost 10 points of validation P@1 against 100 (68.00 against 78.00).
   * On the Debtags demo bundle the whole shortlist raised validation P@1 from 85.99 to 86.19 and
   * took the CPU time of a top-10 prediction from about 276 to 430–474 µs.
   */
  static final int FULL_SHORTLIST_MAX_LABELS = 4_096;

  private final OvaClassifiers classifiers;
  private final DenseMatrix labelEmbeddings;
  private final VectorSearcher classifierSearcher;
  private final VectorSearcher labelSearcher;
  private final DocumentNeighbours neighbours;
  private final SparseClassifiers sparse;
  private final SparseLabelSearch sparseSearch;
  private final FusionSettings settings;
  private final FusionSettings firstSlot;

  /**
   * @param classifierSearcher searches the rows of {@code classifiers.searchVectors()}, or of
   *     {@code classifiers.weights()}, which ignores the biases
   * @param labelSearcher searches the unit rows of {@code labelEmbeddings}
   * @throws IllegalArgumentException if the label counts or dimensions disagree
   */
  public FusedScorer(
      OvaClassifiers classifiers,
      DenseMatrix labelEmbeddings,
      VectorSearcher classifierSearcher,
      VectorSearcher labelSearcher,
      FusionSettings settings) {
    this(classifiers, labelEmbeddings, classifierSearcher, labelSearcher, null, settings, null);
  }

  /** A scorer that ranks every result by {@code settings}. */
  public FusedScorer(
      OvaClassifiers classifiers,
      DenseMatrix labelEmbeddings,
      VectorSearcher classifierSearcher,
      VectorSearcher labelSearcher,
      DocumentNeighbours neighbours,
      FusionSettings settings) {
    this(classifiers, labelEmbeddings, classifierSearcher, labelSearcher, neighbours, settings, null);
  }

  /**
   * @param neighbours the training documents that vote, in the classifier input's space; null for
   *     none, and then every vote is 0 whatever the neighbour weight
   * @param firstSlot settings that choose the first result, or null to rank every result by
   *     {@code settings}; its shortlist sizes are ignored in favour of {@code settings}', and the
   *     documents vote with the larger neighbour count of the two that weigh the vote
   * @throws IllegalArgumentException if the label counts or dimensions disagree
   */
  public FusedScorer(
      OvaClassifiers classifiers,
      DenseMatrix labelEmbeddings,
      VectorSearcher classifierSearcher,
      VectorSearcher labelSearcher,
      DocumentNeighbours neighbours,
      FusionSettings settings,
      FusionSettings firstSlot) {
    this(classifiers, labelEmbeddings, classifierSearcher, labelSearcher, neighbours, null, settings, firstSlot);
  }

  /**
   * A scorer that adds the sparse classifier term to the fused score of the shortlisted labels
   * when a query passes its TF-IDF features.
   *
   * @param sparse sparse one-vs-all classifiers over the TF-IDF features, or null for none
   * @throws IllegalArgumentException if the label counts or dimensions disagree, or a settings
   *     object weighs the sparse term while {@code sparse} is null
   */
  public FusedScorer(
      OvaClassifiers classifiers,
      DenseMatrix labelEmbeddings,
      VectorSearcher classifierSearcher,
      VectorSearcher labelSearcher,
      DocumentNeighbours neighbours,
      SparseClassifiers sparse,
      FusionSettings settings,
      FusionSettings firstSlot) {
    if (labelEmbeddings.rows() != classifiers.labelCount()) {
      throw new IllegalArgumentException(
          "classifiers cover " + classifiers.labelCount() + " labels but there are "
              + labelEmbeddings.rows() + " label embeddings");
    }
    if (labelEmbeddings.columns() != classifiers.dimension()) {
      throw new IllegalArgumentException(
          "classifiers have dimension " + classifiers.dimension() + " but label embeddings have "
              + labelEmbeddings.columns());
    }
    if (classifierSearcher.size() != classifiers.labelCount()
        || (classifierSearcher.dimension() != classifiers.dimension()
            && classifierSearcher.dimension() != classifiers.dimension() + 1)) {
      throw new IllegalArgumentException(
          "the classifier searcher indexes " + classifierSearcher.size() + " vectors of dimension "
              + classifierSearcher.dimension() + ", expected " + classifiers.labelCount() + " of dimension "
              + classifiers.dimension() + ", or one more with the biases");
    }
    checkSearcher("label-embedding", labelSearcher, classifiers);
    if (neighbours != null
        && (neighbours.dimension() != classifiers.dimension() || neighbours.labelCount() != classifiers.labelCount())) {
      throw new IllegalArgumentException(
          "the document neighbours have dimension " + neighbours.dimension() + " and " + neighbours.labelCount()
              + " labels, expected " + classifiers.dimension() + " and " + classifiers.labelCount());
    }
    if (sparse != null && sparse.labelCount() != classifiers.labelCount()) {
      throw new IllegalArgumentException(
          "the sparse classifiers cover " + sparse.labelCount() + " labels, expected " + classifiers.labelCount());
    }
    if (sparse == null && (settings.usesSparse() || (firstSlot != null && firstSlot.usesSparse()))) {
      throw new IllegalArgumentException(
          "the fusion settings give the sparse classifiers a weight but the scorer has none");
    }
    this.neighbours = neighbours;
    this.sparse = sparse;
    this.sparseSearch = sparse == null ? null : new SparseLabelSearch(sparse);
    this.firstSlot = firstSlot;
    this.classifiers = classifiers;
    this.labelEmbeddings = labelEmbeddings;
    this.classifierSearcher = classifierSearcher;
    this.labelSearcher = labelSearcher;
    this.settings = settings;
  }

  private static void checkSearcher(String name, VectorSearcher searcher, OvaClassifiers classifiers) {
    if (searcher.size() != classifiers.labelCount() || searcher.dimension() != classifiers.dimension()) {
      throw new IllegalArgumentException(
          "the " + name + " searcher indexes " + searcher.size() + " vectors of dimension " + searcher.dimension()
              + ", expected " + classifiers.labelCount() + " of dimension " + classifiers.dimension());
    }
  }

  public FusionSettings settings() {
    return settings;
  }

  /** Returns the settings that choose the first result, or null when one ranking serves all. */
  public FusionSettings firstSlot() {
    return firstSlot;
  }

  /** Returns true when this scorer has training documents to vote. */
  public boolean hasNeighbours() {
    return neighbours != null;
  }

  /** Returns true when this scorer has sparse classifiers over the TF-IDF features. */
  public boolean hasSparse() {
    return sparse != null;
  }

  /** Returns the sparse classifiers over the TF-IDF features, or null when the scorer has none. */
  public SparseClassifiers sparseClassifiers() {
    return sparse;
  }

  /** Returns the fused score of a label from its classifier logit and its teacher cosine, without a vote. */
  public static float fuse(float logit, float cosine, FusionSettings settings) {
    return fuse(logit, cosine, 0f, settings);
  }

  /** Returns the fused score of a label from its classifier logit, teacher cosine and document vote. */
  public static float fuse(float logit, float cosine, float vote, FusionSettings settings) {
    return combine(Vectors.sigmoid(logit), teacherProbability(cosine, settings), vote, settings);
  }

  /**
   * Returns the fused score with the sparse classifier's probability {@code σ(u_l · d + d_l)} as
   * well; with a sparse weight of 0 it equals {@link #fuse(float, float, float, FusionSettings)}.
   */
  public static float fuse(float logit, float cosine, float vote, float sparseProbability, FusionSettings settings) {
    return combine(Vectors.sigmoid(logit), teacherProbability(cosine, settings), vote, sparseProbability, settings);
  }

  /** Returns the teacher's calibrated probability {@code σ(a · cos + c)} of a cosine. */
  public static float teacherProbability(float cosine, FusionSettings settings) {
    return Vectors.sigmoid(settings.cosineScale() * cosine + settings.cosineShift());
  }

  /**
   * Returns the fused score from the classifier probability {@code σ(w_l · x + b_l)}, the teacher
   * probability and the document vote: the last step of {@link #fuse}, apart so that a tuner can
   * reuse the probabilities across weights and get the same float.
   */
  public static float combine(
      float classifierProbability, float teacherProbability, float vote, FusionSettings settings) {
    return settings.alpha() * classifierProbability + (1f - settings.alpha()) * teacherProbability
        + settings.neighbourWeight() * vote;
  }

  /**
   * Returns {@link #combine(float, float, float, FusionSettings)} plus the sparse weight times the
   * sparse classifier's probability. A weight of 0 returns the three-term score unchanged, bit for bit.
   */
  public static float combine(
      float classifierProbability,
      float teacherProbability,
      float vote,
      float sparseProbability,
      FusionSettings settings) {
    float score = combine(classifierProbability, teacherProbability, vote, settings);
    return settings.usesSparse() ? score + settings.sparseWeight() * sparseProbability : score;
  }

  /**
   * Returns up to {@code k} labels with the highest fused score for {@code embedding}, best first.
   * The embedding must have unit length, because its dot product with a label embedding is used
   * as their cosine.
   *
   * @throws IllegalArgumentException if {@code k} is not positive or the dimension is wrong
   */
  public Neighbors topK(float[] embedding, int k) {
    return topK(embedding, embedding, k);
  }

  /**
   * Returns the top {@code k} labels when the classifiers read one embedding of the document and
   * the label-embedding cosine another (a classifier encoder fine-tuned apart from the teacher).
   *
   * @param classifierInput unit embedding that the one-vs-all vectors score
   * @param teacherEmbedding unit embedding in the space of the label embeddings
   */
  public Neighbors topK(float[] classifierInput, float[] teacherEmbedding, int k) {
    return topK(classifierInput, teacherEmbedding, null, k);
  }

  /**
   * Returns the top {@code k} labels with the sparse classifier term computed from the document's
   * TF-IDF features.
   *
   * @param features the document's TF-IDF features, or null to leave the sparse term at 0
   */
  public Neighbors topK(float[] classifierInput, float[] teacherEmbedding, SparseVector features, int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be positive, got " + k);
    }
    int labels = classifiers.labelCount();
    int classifierCount = searchCount(settings.classifierShortlist(), k, labels);
    int embeddingCount = searchCount(settings.embeddingShortlist(), k, labels);
    int neighbourCount = settings.usesNeighbours() ? settings.neighbourCount() : 0;
    if (firstSlot != null && firstSlot.usesNeighbours()) {
      neighbourCount = Math.max(neighbourCount, firstSlot.neighbourCount());
    }
    // The sparse classifiers cost a lookup per feature and shortlisted label, and their own top
    // labels a pass over all labels, so a query scores them only when a weight uses them.
    boolean weighsSparse = settings.usesSparse() || (firstSlot != null && firstSlot.usesSparse());
    Shortlist shortlist =
        shortlist(
            classifierInput, teacherEmbedding, weighsSparse ? features : null, classifierCount, embeddingCount,
            neighbourCount);
    int first = firstSlot == null ? -1 : firstSlotPosition(shortlist, firstSlot);
    // With a first slot the rest contains at least one label even for k = 1, so that the first
    // label's score is raised above the same second label whatever k is.
    TopK top = new TopK(first < 0 ? k : Math.max(1, k - 1));
    for (int i = 0; i < shortlist.size(); i++) {
      if (i != first) {
        top.offer(shortlist.labels()[i], score(shortlist, i, settings));
      }
    }
    if (first < 0) {
      return top.toNeighbors();
    }
    Neighbors ranked = withFirst(shortlist, first, top.toNeighbors());
    return ranked.size() > k ? ranked.prefix(k) : ranked;
  }

  /**
   * Returns how many labels to take from one graph for a top-{@code k} query: one per result and at
   * least {@link #MIN_SHORTLIST}, at most the settings' shortlist, but never fewer than {@code k}.
   * A request for more labels than the shortlists contain thus still gets {@code k} of them when
   * the model has that many.
   */
  static int searchCount(int shortlist, int k) {
    return Math.max(k, Math.min(shortlist, Math.max(k * SHORTLIST_PER_RESULT, MIN_SHORTLIST)));
  }

  /**
   * Returns how many labels to take from one graph for a top-{@code k} query in a space of
   * {@code labels} labels: the whole shortlist, as the tuner scores it, up to
   * {@link #FULL_SHORTLIST_MAX_LABELS} labels, and {@link #searchCount(int, int)} above.
   */
  static int searchCount(int shortlist, int k, int labels) {
    return labels <= FULL_SHORTLIST_MAX_LABELS ? Math.max(k, shortlist) : searchCount(shortlist, k);
  }

  /**
   * Returns the shortlist position of the label with the highest score under {@code firstSettings},
   * the smaller label id on a tie, or −1 for an empty shortlist.
   */
  public static int firstSlotPosition(Shortlist shortlist, FusionSettings firstSettings) {
    int best = -1;
    float bestScore = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < shortlist.size(); i++) {
      float score = score(shortlist, i, firstSettings);
      if (score > bestScore || (best >= 0 && score == bestScore && shortlist.labels()[i] < shortlist.labels()[best])) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  }

  /** Returns the fused score of the label at {@code position} on the shortlist. */
  private static float score(Shortlist shortlist, int position, FusionSettings settings) {
    return fuse(
        shortlist.logits()[position], shortlist.cosines()[position], shortlist.votes()[position],
        shortlist.sparseProbabilities()[position], settings);
  }

  private Neighbors withFirst(Shortlist shortlist, int first, Neighbors rest) {
    int[] ids = new int[rest.size() + 1];
    float[] scores = new float[rest.size() + 1];
    ids[0] = shortlist.labels()[first];
    float firstScore = score(shortlist, first, settings);
    // Strictly above the second, so that a reader that sorts by score (ties by label id, as the
    // evaluator does) keeps the first slot's choice.
    scores[0] = rest.size() > 0 && firstScore <= rest.scores()[0] ? Math.nextUp(rest.scores()[0]) : firstScore;
    System.arraycopy(rest.ids(), 0, ids, 1, rest.size());
    System.arraycopy(rest.scores(), 0, scores, 1, rest.size());
    return new Neighbors(ids, scores);
  }

  /**
   * Returns the union shortlist of {@code embedding} with the classifier logit, teacher cosine and
   * document vote of every label on it, in the order found. FusionTuner scores these raw parts
   * under many settings without searching again, so the documents vote here whenever the scorer
   * has them and {@code neighbourCount} is positive, whatever the neighbour weight.
   */
  public Shortlist shortlist(float[] embedding) {
    return shortlist(embedding, embedding);
  }

  /** Returns the union shortlist with raw logits of {@code classifierInput} and cosines of {@code teacherEmbedding}. */
  public Shortlist shortlist(float[] classifierInput, float[] teacherEmbedding) {
    return shortlist(classifierInput, teacherEmbedding, null);
  }

  /**
   * Returns the union shortlist with the sparse classifier probabilities of {@code features} as
   * well, whatever the sparse weight, so that a tuner can try weights without scoring again. The
   * sparse classifiers' own top labels join it, as many as the classifier shortlist.
   *
   * @param features the document's TF-IDF features, or null to leave the sparse probabilities at 0
   */
  public Shortlist shortlist(float[] classifierInput, float[] teacherEmbedding, SparseVector features) {
    return shortlist(
        classifierInput, teacherEmbedding, features, settings.classifierShortlist(), settings.embeddingShortlist(),
        settings.neighbourCount());
  }

  private Shortlist shortlist(
      float[] classifierInput,
      float[] teacherEmbedding,
      SparseVector features,
      int classifierCount,
      int embeddingCount,
      int neighbourCount) {
    if (classifierInput.length != classifiers.dimension() || teacherEmbedding.length != labelEmbeddings.columns()) {
      throw new IllegalArgumentException(
          "embeddings have dimensions " + classifierInput.length + " and " + teacherEmbedding.length
              + ", the model has " + classifiers.dimension() + " and " + labelEmbeddings.columns());
    }
    float[] embedding = classifierInput;
    // An exact searcher over the classifier vectors with their biases ranks by the logit. The
    // graphs index the bare weights and rank by w_l · x, so a label whose bias lifts it into the
    // top k can be missing from their shortlist.
    // NOTE: a graph over the weights with the bias appended was tried and lost recall: the bias
    // column dominated the row norms, so the graph's edges followed the biases. In one demo run the
    // classifier-only R@100 fell from 89.67 to 87.84 and P@1 from 79.58 to 76.85.
    float[] classifierQuery =
        classifierSearcher.dimension() == classifiers.dimension() ? embedding : OvaClassifiers.searchQuery(embedding);
    Neighbors byClassifier = search(classifierSearcher, classifierQuery, classifierCount);
    Neighbors byEmbedding = search(labelSearcher, teacherEmbedding, embeddingCount);
    int[] bySparse =
        sparseSearch != null && features != null ? sparseSearch.search(features, classifierCount) : new int[0];
    DocumentNeighbours.Votes votes =
        neighbours != null && neighbourCount > 0
            ? neighbours.vote(classifierInput, neighbourCount)
            : DocumentNeighbours.Votes.EMPTY;

    int capacity = byClassifier.size() + byEmbedding.size() + bySparse.length + votes.size();
    int[] labels = new int[capacity];
    float[] labelVotes = new float[capacity];
    // Position of each label on the shortlist. A map grows with the shortlist, while a bit set over
    // label ids would grow with the label count.
    Int2IntOpenHashMap positions = new Int2IntOpenHashMap(capacity);
    positions.defaultReturnValue(-1);
    int count = 0;
    for (int label : byClassifier.ids()) {
      if (positions.putIfAbsent(label, count) < 0) {
        labels[count++] = label;
      }
    }
    for (int label : byEmbedding.ids()) {
      if (positions.putIfAbsent(label, count) < 0) {
        labels[count++] = label;
      }
    }
    for (int label : bySparse) {
      if (positions.putIfAbsent(label, count) < 0) {
        labels[count++] = label;
      }
    }
    for (int i = 0; i < votes.size(); i++) {
      int label = votes.labels()[i];
      int position = positions.putIfAbsent(label, count);
      if (position < 0) {
        position = count;
        labels[count++] = label;
      }
      labelVotes[position] = votes.votes()[i];
    }

    float[] logits = new float[count];
    float[] cosines = new float[count];
    float[] sparseProbabilities = new float[count];
    boolean scoreSparse = sparse != null && features != null;
    float[] labelData = labelEmbeddings.data();
    for (int i = 0; i < count; i++) {
      int label = labels[i];
      logits[i] = classifiers.logit(label, embedding);
      cosines[i] =
          DotProducts.dot(labelData, labelEmbeddings.offset(label), teacherEmbedding, 0, teacherEmbedding.length);
      if (scoreSparse) {
        sparseProbabilities[i] = Vectors.sigmoid(sparse.logit(label, features));
      }
    }
    return new Shortlist(
        java.util.Arrays.copyOf(labels, count), logits, cosines, java.util.Arrays.copyOf(labelVotes, count),
        sparseProbabilities);
  }

  /**
   * The shortlisted labels of one document with their raw scores, aligned by position.
   *
   * @param labels label ids, each once
   * @param logits classifier logit {@code w_l · x + b_l} of each label
   * @param cosines cosine of the document embedding with each label embedding
   * @param votes document-neighbour vote of each label, 0 for a label no neighbour carries
   * @param sparseProbabilities sparse classifier probability {@code σ(u_l · d + d_l)} of each
   *     label, all 0 when the scorer has no sparse classifiers or the query passed no features
   */
  public record Shortlist(int[] labels, float[] logits, float[] cosines, float[] votes, float[] sparseProbabilities) {
    /** Creates a shortlist whose sparse classifier probabilities are all 0. */
    public Shortlist(int[] labels, float[] logits, float[] cosines, float[] votes) {
      this(labels, logits, cosines, votes, new float[labels.length]);
    }

    public int size() {
      return labels.length;
    }
  }

  /**
   * Searches a graph with a candidate list twice the shortlist (at most the graph's own ef), so
   * small shortlists do not pay for the large ef that a top-100 shortlist needs.
   */
  private static Neighbors search(VectorSearcher searcher, float[] query, int count) {
    if (searcher instanceof VectorIndex index) {
      int ef = Math.max(count, Math.min(index.settings().ef(), 2 * count));
      return index.search(query, count, ef);
    }
    return searcher.search(query, count);
  }
}
