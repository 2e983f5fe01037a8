package io.leverxc.distill;

import io.leverxc.ann.DotProducts;
import io.leverxc.ann.ExactSearcher;
import io.leverxc.ann.Neighbors;
import io.leverxc.ann.VectorSearcher;
import io.leverxc.data.LabelMatrix;
import io.leverxc.parallel.ProgressLog;
import io.leverxc.vector.DenseMatrix;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the classifiers' training targets from the ground truth and the teacher's embeddings.
 *
 * <p>With {@link DistillMode#LEVER}, for N documents and L labels:
 *
 * <ul>
 *   <li>every label's text becomes document {@code N + l}, positive for label {@code l}, with the
 *       label's teacher embedding as input;
 *   <li>ground-truth pairs get {@code λ + (1 − λ) · p̂(cos(x_i, e_l))} when ground-truth mixing is
 *       on, else 1;
 *   <li>document {@code N + l} also gets up to {@code labelNeighbourCap} of the teacher-nearest
 *       other labels with {@code p̂ ≥ labelThreshold}, nearest first;
 *   <li>each label with fewer than {@code documentTopUpCount} training documents gets the
 *       teacher-nearest documents with {@code p̂ ≥ documentThreshold} that are not already its
 *       positives, until it has that many.
 * </ul>
 *
 * Teacher-added pairs get the target chosen by {@link AddedPairTarget}. Each label is handled on
 * its own, so unlike the slot-indexed reference code no label's additions can overwrite another's,
 * and the result does not depend on the order in which labels are visited. Output is
 * deterministic for deterministic searchers. {@link DistillMode#LABELS} adds only the label
 * documents with target 1, and {@link DistillMode#NONE} returns the ground truth with every value 1.
 */
public final class LeverAugmenter {
  private static final Logger LOG = LoggerFactory.getLogger(LeverAugmenter.class);

  private final DistillSettings settings;

  public LeverAugmenter(DistillSettings settings) {
    this.settings = settings;
  }

  /**
   * Augments with exact nearest-neighbour searches over both embedding matrices; fine for tests
   * and small label sets.
   */
  public AugmentedTrainingSet augment(
      LabelMatrix trainLabels, DenseMatrix documentEmbeddings, DenseMatrix labelEmbeddings) {
    return augment(
        trainLabels, documentEmbeddings, labelEmbeddings,
        new ExactSearcher(labelEmbeddings), new ExactSearcher(documentEmbeddings));
  }

  /**
   * Builds the augmented targets.
   *
   * @param trainLabels documents × labels ground truth; stored values are treated as 1
   * @param documentEmbeddings teacher embeddings of the training documents, unit rows
   * @param labelEmbeddings teacher embeddings of the labels, unit rows
   * @param labelSearcher searches {@code labelEmbeddings}
   * @param documentSearcher searches {@code documentEmbeddings}; used only for the tail top-up
   * @throws IllegalArgumentException if the shapes disagree
   */
  public AugmentedTrainingSet augment(
      LabelMatrix trainLabels,
      DenseMatrix documentEmbeddings,
      DenseMatrix labelEmbeddings,
      VectorSearcher labelSearcher,
      VectorSearcher documentSearcher) {
    checkShapes(trainLabels, documentEmbeddings, labelEmbeddings);
    int documents = trainLabels.rows();
    int labels = trainLabels.columns();
    int dimension = labelEmbeddings.columns();
    DistillMode mode = settings.mode();

    if (mode == DistillMode.NONE) {
      return new AugmentedTrainingSet(binary(trainLabels), new DenseMatrix(0, dimension), documents, 0, 0);
    }

    long start = System.nanoTime();
    PairList[] labelPairs = new PairList[labels];
    PairList[] documentPairs = new PairList[labels];
    if (mode == DistillMode.LEVER) {
      labelPairs = nearestLabels(labelEmbeddings, labelSearcher);
      documentPairs = topUpDocuments(trainLabels, labelEmbeddings, documentSearcher);
    }

    TargetBuilder builder = new TargetBuilder(documents + labels, labels);
    for (int row = 0; row < documents; row++) {
      for (int p = trainLabels.rowStart(row); p < trainLabels.rowEnd(row); p++) {
        int label = trainLabels.label(p);
        builder.add(row, label, groundTruthTarget(documentEmbeddings, row, labelEmbeddings, label));
      }
    }
    int labelPairCount = 0;
    int documentPairCount = 0;
    for (int label = 0; label < labels; label++) {
      builder.add(documents + label, label, groundTruthTarget(labelEmbeddings, label, labelEmbeddings, label));
      if (labelPairs[label] != null) {
        PairList pairs = labelPairs[label];
        for (int i = 0; i < pairs.size; i++) {
          builder.add(documents + label, pairs.ids[i], pairs.targets[i]);
        }
        labelPairCount += pairs.size;
      }
      if (documentPairs[label] != null) {
        PairList pairs = documentPairs[label];
        for (int i = 0; i < pairs.size; i++) {
          builder.add(pairs.ids[i], label, pairs.targets[i]);
        }
        documentPairCount += pairs.size;
      }
    }
    LabelMatrix targets = builder.build();
    LOG.info(
        "Augmented {} documents with {} label documents: {} label-to-label pairs, {} tail document pairs, "
            + "{} target entries in {} ms",
        documents, labels, labelPairCount, documentPairCount, targets.nonZeros(),
        (System.nanoTime() - start) / 1_000_000);
    return new AugmentedTrainingSet(
        targets, labelEmbeddings.copy(), documents, labelPairCount, documentPairCount);
  }

  private static void checkShapes(
      LabelMatrix trainLabels, DenseMatrix documentEmbeddings, DenseMatrix labelEmbeddings) {
    if (documentEmbeddings.rows() != trainLabels.rows()) {
      throw new IllegalArgumentException(
          "the label matrix has " + trainLabels.rows() + " documents but there are "
              + documentEmbeddings.rows() + " document embeddings");
    }
    if (labelEmbeddings.rows() != trainLabels.columns()) {
      throw new IllegalArgumentException(
          "the label matrix has " + trainLabels.columns() + " labels but there are "
              + labelEmbeddings.rows() + " label embeddings");
    }
    if (documentEmbeddings.columns() != labelEmbeddings.columns()) {
      throw new IllegalArgumentException(
          "document embeddings have dimension " + documentEmbeddings.columns()
              + " but label embeddings have " + labelEmbeddings.columns());
    }
  }

  private static LabelMatrix binary(LabelMatrix matrix) {
    TargetBuilder builder = new TargetBuilder(matrix.rows(), matrix.columns());
    for (int row = 0; row < matrix.rows(); row++) {
      for (int p = matrix.rowStart(row); p < matrix.rowEnd(row); p++) {
        builder.add(row, matrix.label(p), 1f);
      }
    }
    return builder.build();
  }

  private float groundTruthTarget(DenseMatrix inputs, int row, DenseMatrix labelEmbeddings, int label) {
    if (settings.mode() != DistillMode.LEVER || !settings.mixGroundTruth()) {
      return 1f;
    }
    float cosine = DotProducts.dot(
        inputs.data(), inputs.offset(row), labelEmbeddings.data(), labelEmbeddings.offset(label), inputs.columns());
    return SoftTargets.mix(1f, settings.teacherProbability(cosine), settings.lambda());
  }

  // For each label, the further labels its own document becomes softly positive for.
  private PairList[] nearestLabels(DenseMatrix labelEmbeddings, VectorSearcher labelSearcher) {
    int labels = labelEmbeddings.rows();
    PairList[] result = new PairList[labels];
    if (settings.labelNeighbourCap() == 0) {
      return result;
    }
    // One more than the candidate count because the label itself is usually its own nearest neighbour.
    int k = Math.min(labels, settings.candidateCount() + 1);
    IntStream.range(0, labels).parallel().forEach(label -> {
      Neighbors neighbours = labelSearcher.search(labelEmbeddings.row(label), k);
      PairList pairs = new PairList(settings.labelNeighbourCap());
      for (int i = 0; i < neighbours.size() && pairs.size < settings.labelNeighbourCap(); i++) {
        int other = neighbours.ids()[i];
        if (other == label) {
          continue;
        }
        float probability = settings.teacherProbability(neighbours.scores()[i]);
        if (probability < settings.labelThreshold()) {
          break; // neighbours come best first and p̂ rises with the cosine, so no later one passes
        }
        pairs.add(other, SoftTargets.added(probability, settings.lambda(), settings.addedPairTarget()));
      }
      result[label] = pairs;
    });
    return result;
  }

  // For each tail label, the training documents added to it as soft positives.
  private PairList[] topUpDocuments(
      LabelMatrix trainLabels, DenseMatrix labelEmbeddings, VectorSearcher documentSearcher) {
    int labels = trainLabels.columns();
    PairList[] result = new PairList[labels];
    int target = settings.documentTopUpCount();
    if (target == 0) {
      return result;
    }
    int[] frequencies = trainLabels.labelFrequencies();
    int k = Math.min(trainLabels.rows(), settings.candidateCount());
    ProgressLog progress = new ProgressLog(LOG, "LEVER tail top-up, labels", labels);
    IntStream.range(0, labels).parallel().forEach(label -> {
      progress.add(1);
      int missing = target - frequencies[label];
      if (missing <= 0) {
        return;
      }
      Neighbors neighbours = documentSearcher.search(labelEmbeddings.row(label), k);
      PairList pairs = new PairList(missing);
      for (int i = 0; i < neighbours.size() && pairs.size < missing; i++) {
        float probability = settings.teacherProbability(neighbours.scores()[i]);
        if (probability < settings.documentThreshold()) {
          break;
        }
        int document = neighbours.ids()[i];
        if (!trainLabels.contains(document, label)) {
          pairs.add(document, SoftTargets.added(probability, settings.lambda(), settings.addedPairTarget()));
        }
      }
      result[label] = pairs;
    });
    return result;
  }

  /** A bounded list of (id, target) pairs. */
  private static final class PairList {
    final int[] ids;
    final float[] targets;
    int size;

    PairList(int capacity) {
      ids = new int[capacity];
      targets = new float[capacity];
    }

    void add(int id, float target) {
      ids[size] = id;
      targets[size] = target;
      size++;
    }
  }
}
