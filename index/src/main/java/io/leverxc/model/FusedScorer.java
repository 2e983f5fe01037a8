package io.leverxc.model;

import io.leverxc.ann.Neighbors;
import io.leverxc.ann.TopK;
import io.leverxc.ann.VectorSearcher;
import io.leverxc.vector.DenseMatrix;
import java.util.BitSet;

/**
 * Ranks labels for a document embedding by fusing the one-vs-all classifiers with the teacher's
 * label embeddings.
 *
 * <p>The shortlist is the union of the nearest classifier vectors (inner product) and the nearest
 * label embeddings (cosine, since both sides are unit vectors). Each shortlisted label {@code l}
 * gets {@code alpha · σ(w_l · x + b_l) + (1 − alpha) · σ(a · cos(x, e_l) + c)}, so scores lie in
 * [0, 1]. The classifiers carry the frequent labels, which have many training documents, and the
 * label embeddings carry the rare ones, whose label text is often all there is.
 *
 * <p>Thread-safe when both searchers are: {@link #topK} keeps its scratch state on the stack.
 */
public final class FusedScorer {
  private final OvaClassifiers classifiers;
  private final DenseMatrix labelEmbeddings;
  private final VectorSearcher classifierSearcher;
  private final VectorSearcher labelSearcher;
  private final FusionSettings settings;

  /**
   * @param classifierSearcher searches the rows of {@code classifiers.weights()}
   * @param labelSearcher searches the unit rows of {@code labelEmbeddings}
   * @throws IllegalArgumentException if the label counts or dimensions disagree
   */
  public FusedScorer(
      OvaClassifiers classifiers,
      DenseMatrix labelEmbeddings,
      VectorSearcher classifierSearcher,
      VectorSearcher labelSearcher,
      FusionSettings settings) {
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
    checkSearcher("classifier", classifierSearcher, classifiers);
    checkSearcher("label-embedding", labelSearcher, classifiers);
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

  /** Returns the fused score of a label from its classifier logit and its teacher cosine. */
  public static float fuse(float logit, float cosine, FusionSettings settings) {
    float classifierProbability = Vectors.sigmoid(logit);
    float teacherProbability = Vectors.sigmoid(settings.cosineScale() * cosine + settings.cosineShift());
    return settings.alpha() * classifierProbability + (1f - settings.alpha()) * teacherProbability;
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
    if (k <= 0) {
      throw new IllegalArgumentException("k must be positive, got " + k);
    }
    Shortlist shortlist = shortlist(classifierInput, teacherEmbedding);
    TopK top = new TopK(k);
    for (int i = 0; i < shortlist.size(); i++) {
      top.offer(shortlist.labels()[i], fuse(shortlist.logits()[i], shortlist.cosines()[i], settings));
    }
    return top.toNeighbors();
  }

  /**
   * Returns the union shortlist of {@code embedding} with the classifier logit and teacher cosine
   * of every label on it, in the order found. FusionTuner scores these raw parts under many
   * settings without searching again.
   */
  public Shortlist shortlist(float[] embedding) {
    return shortlist(embedding, embedding);
  }

  /** Returns the union shortlist with raw logits of {@code classifierInput} and cosines of {@code teacherEmbedding}. */
  public Shortlist shortlist(float[] classifierInput, float[] teacherEmbedding) {
    if (classifierInput.length != classifiers.dimension() || teacherEmbedding.length != labelEmbeddings.columns()) {
      throw new IllegalArgumentException(
          "embeddings have dimensions " + classifierInput.length + " and " + teacherEmbedding.length
              + ", the model has " + classifiers.dimension() + " and " + labelEmbeddings.columns());
    }
    float[] embedding = classifierInput;
    // NOTE: the classifier searcher ranks by w_l · x without the bias, so a label whose bias
    // lifts it into the top k can be missing from the shortlist.
    Neighbors byClassifier = classifierSearcher.search(embedding, settings.classifierShortlist());
    Neighbors byEmbedding = labelSearcher.search(teacherEmbedding, settings.embeddingShortlist());

    int capacity = byClassifier.size() + byEmbedding.size();
    int[] labels = new int[capacity];
    int count = 0;
    BitSet seen = new BitSet();
    for (int label : byClassifier.ids()) {
      if (!seen.get(label)) {
        seen.set(label);
        labels[count++] = label;
      }
    }
    for (int label : byEmbedding.ids()) {
      if (!seen.get(label)) {
        seen.set(label);
        labels[count++] = label;
      }
    }

    float[] logits = new float[count];
    float[] cosines = new float[count];
    float[] labelData = labelEmbeddings.data();
    for (int i = 0; i < count; i++) {
      int label = labels[i];
      logits[i] = classifiers.logit(label, embedding);
      cosines[i] =
          Vectors.dot(labelData, labelEmbeddings.offset(label), teacherEmbedding, 0, teacherEmbedding.length);
    }
    return new Shortlist(java.util.Arrays.copyOf(labels, count), logits, cosines);
  }

  /**
   * The shortlisted labels of one document with their raw scores, aligned by position.
   *
   * @param labels label ids, each once
   * @param logits classifier logit {@code w_l · x + b_l} of each label
   * @param cosines cosine of the document embedding with each label embedding
   */
  public record Shortlist(int[] labels, float[] logits, float[] cosines) {
    public int size() {
      return labels.length;
    }
  }
}
