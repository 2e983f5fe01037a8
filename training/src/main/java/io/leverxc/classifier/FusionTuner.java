package io.leverxc.classifier;

import io.leverxc.ann.TopK;
import io.leverxc.data.LabelMatrix;
import io.leverxc.model.FusedScorer;
import io.leverxc.model.FusionSettings;
import io.leverxc.model.Vectors;
import io.leverxc.teacher.PairFilter;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the fusion weight alpha, cosine scale a and shift c of a {@link FusedScorer}, and the
 * document-vote weight γ when the scorer has training documents to vote, by grid search on a
 * validation split carved from the training data.
 *
 * <p>Each validation document is shortlisted once; every grid point then only re-fuses the stored
 * logits, cosines and votes. The shift is searched as a fraction of the scale ({@code c = −t · a}),
 * so that {@code σ(a · cos + c)} crosses 0.5 at cosine {@code t}. The voting documents must not
 * include the validation documents, or the vote would find each document itself.
 *
 * <p>Except for the {@link TuningObjective#PRECISION_AT_1} objective, the tuner first picks
 * first-slot settings with the highest P@1, then tunes the main settings for the objective on
 * rankings whose first label those settings chose (see {@link FusedScorer}).
 *
 * <p>With a filter, the tuner scores each validation ranking as {@code lever evaluate --filter}
 * scores a prediction file: the filtered labels leave the served ranking before any metric. In
 * LF-WordNetHierarchy-15K about a fifth of the documents have such a label, often with their own
 * text, and the teacher and the document vote tend to rank it first. Without the filter, the
 * tuner would count that label as a miss, while the evaluation removes it.
 */
public final class FusionTuner {
  private static final Logger LOG = LoggerFactory.getLogger(FusionTuner.class);

  /** P@1 and P@5 that {@link TuningObjective#HEAD_GUARDED} may each give up for the tail: one point. */
  public static final double HEAD_TOLERANCE = 0.01;
  /**
   * Minimum number of validation documents of P@1 that the guard allows. On a small split one
   * document is worth more than a point, so a one-point guard admits only the settings tied on P@1.
   * On 40 documents the tuner then lost two thirds of test P@5.
   */
  static final int GUARD_DOCUMENTS = 2;
  /**
   * Minimum number of validation documents that the pipelines tune the fusion on. With one
   * document every setting of the grid tied, and the first one, far from the defaults, was kept.
   */
  public static final int MIN_DOCUMENTS = 5;

  private static final float[] ALPHAS = {0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1f};
  private static final float[] SCALES = {2f, 5f, 10f, 20f, 40f};
  private static final float[] CROSSING_COSINES = {0f, 0.2f, 0.4f, 0.6f, 0.8f};
  /** Document-vote weights tried when the scorer has voting documents; the vote lies in [0, 1]. */
  private static final float[] NEIGHBOUR_WEIGHTS = {0f, 0.1f, 0.25f, 0.5f, 1f, 2f, 4f};
  private static final float[] NO_NEIGHBOUR_WEIGHT = {0f};
  /**
   * Sparse classifier weights tried by {@link #tuneSparseWeight}; the probability lies in [0, 1].
   * The large weights let the sparse classifiers all but decide the ranking, which on the
   * validation split of LF-Debtags-554 gave the best P@1 in the first slot.
   */
  private static final float[] SPARSE_WEIGHTS = {0f, 0.1f, 0.25f, 0.5f, 1f, 2f, 4f, 8f, 16f};

  private final TuningObjective objective;
  private final float[] inversePropensities;
  private final PairFilter filter;

  /**
   * @param inversePropensities per-label weights for PSP@5, from the training labels
   */
  public FusionTuner(TuningObjective objective, float[] inversePropensities) {
    this(objective, inversePropensities, PairFilter.NONE);
  }

  /**
   * @param inversePropensities per-label weights for PSP@5, from the training labels
   * @param filter pairs of a validation row and a label that the evaluation removes, such as the
   *     training filter pairs of the validation documents
   */
  public FusionTuner(TuningObjective objective, float[] inversePropensities, PairFilter filter) {
    this.objective = objective;
    this.inversePropensities = inversePropensities;
    this.filter = filter;
  }

  /**
   * The tuned settings and the validation quality they reach.
   *
   * @param objectiveValue the value of the tuned objective
   * @param precisionAt5 P@5, which {@link TuningObjective#HEAD_GUARDED} guards beside P@1
   * @param firstSlot settings that choose the first result, or null when one ranking serves all
   */
  public record Result(
      FusionSettings settings,
      double objectiveValue,
      double precisionAt1,
      double pspAt5,
      double coverageAt5,
      FusionSettings firstSlot,
      double precisionAt5) {}

  /**
   * Returns the grid point with the highest objective on the validation documents. A tie keeps
   * the first point in grid order, which is alpha, then scale, then crossing cosine, then
   * document-vote weight, each ascending.
   *
   * @param validationEmbeddings unit embeddings of the validation documents
   * @param validationLabels their ground truth
   */
  public Result tune(FusedScorer scorer, DenseMatrix validationEmbeddings, LabelMatrix validationLabels) {
    return tune(scorer, validationEmbeddings, validationEmbeddings, validationLabels);
  }

  /**
   * Tunes the fusion weights when the classifiers and the teacher embed documents differently.
   *
   * @param classifierInputs embeddings of the validation documents that the classifiers score
   * @param teacherEmbeddings embeddings of the same documents in the label embeddings' space
   */
  public Result tune(
      FusedScorer scorer, DenseMatrix classifierInputs, DenseMatrix teacherEmbeddings, LabelMatrix validationLabels) {
    float[] voteGrid = voteGrid(scorer);
    List<FusionSettings> grid = points(scorer.settings(), ALPHAS, SCALES, CROSSING_COSINES, voteGrid);
    return search(scorer, classifierInputs, teacherEmbeddings, validationLabels, grid, grid, "the whole grid");
  }

  /**
   * Tunes the fusion weights as {@link #tune(FusedScorer, DenseMatrix, DenseMatrix, LabelMatrix)}
   * does, but tries only the grid points around a previous model's tuned settings: for each of
   * alpha, scale, crossing cosine and vote weight, the grid value nearest the previous one and its
   * neighbours on both sides, at most 81 points instead of the whole grid of 1,925. A retrained
   * model moves little from its parent, so its best weights are expected near the parent's.
   *
   * @param previous the parent's main settings, the centre of the main search
   * @param previousFirstSlot the parent's first-slot settings, the centre of the first-slot
   *     search, or null to centre it on {@code previous}
   */
  public Result tuneNear(
      FusedScorer scorer,
      DenseMatrix classifierInputs,
      DenseMatrix teacherEmbeddings,
      LabelMatrix validationLabels,
      FusionSettings previous,
      FusionSettings previousFirstSlot) {
    float[] voteGrid = voteGrid(scorer);
    List<FusionSettings> firstCandidates =
        neighbourhood(scorer.settings(), previousFirstSlot == null ? previous : previousFirstSlot, voteGrid);
    List<FusionSettings> mainCandidates = neighbourhood(scorer.settings(), previous, voteGrid);
    return search(
        scorer, classifierInputs, teacherEmbeddings, validationLabels, firstCandidates, mainCandidates,
        "the grid points near " + previous);
  }

  /**
   * Adds the sparse classifier weight β to settings already tuned without it. It first picks the
   * first slot's β with the highest P@1, then the main settings' β for the objective, each from a
   * grid of weights from 0 to 16, and keeps every other weight. Under HEAD_GUARDED the main β must
   * keep P@1 and P@5 within the tolerance of β = 0, not of the best β. A tie keeps the smaller
   * weight, so a sparse term that does not help stays out.
   *
   * @param scorer a scorer with sparse classifiers and the same shortlist settings as the tuning
   * @param validationFeatures TF-IDF features of the validation documents, row for row
   * @param tuned the result of {@link #tune} on the same validation documents
   * @throws IllegalArgumentException if the scorer has no sparse classifiers or the row counts differ
   */
  public Result tuneSparseWeight(
      FusedScorer scorer,
      DenseMatrix classifierInputs,
      DenseMatrix teacherEmbeddings,
      List<SparseVector> validationFeatures,
      LabelMatrix validationLabels,
      Result tuned) {
    if (!scorer.hasSparse()) {
      throw new IllegalArgumentException("the scorer has no sparse classifiers to weigh");
    }
    if (classifierInputs.rows() != validationLabels.rows() || validationFeatures.size() != validationLabels.rows()) {
      throw new IllegalArgumentException(
          "there are " + classifierInputs.rows() + " validation embeddings and " + validationFeatures.size()
              + " feature vectors but " + validationLabels.rows() + " label rows");
    }
    long start = System.nanoTime();
    int documents = classifierInputs.rows();
    FusedScorer.Shortlist[] shortlists = new FusedScorer.Shortlist[documents];
    float[][] classifierProbabilities = new float[documents][];
    float[][] teacherProbabilities = new float[documents][];
    // Each document writes only its own slots, so the parallel loop gives the same arrays.
    IntStream.range(0, documents).parallel().forEach(row -> {
      shortlists[row] =
          scorer.shortlist(classifierInputs.row(row), teacherEmbeddings.row(row), validationFeatures.get(row));
      classifierProbabilities[row] = new float[shortlists[row].size()];
      for (int i = 0; i < shortlists[row].size(); i++) {
        classifierProbabilities[row][i] = Vectors.sigmoid(shortlists[row].logits()[i]);
      }
    });
    boolean[][] excluded = exclusions(shortlists);

    FusionSettings firstSlot = tuned.firstSlot();
    int[] firstPositions = new int[documents];
    Arrays.fill(firstPositions, -1);
    if (firstSlot != null) {
      fillTeacherProbabilities(shortlists, firstSlot, teacherProbabilities);
      int bestHits = -1;
      for (float weight : SPARSE_WEIGHTS) {
        FusionSettings candidate = firstSlot.withSparseWeight(weight);
        int hits =
            firstSlotHits(
                shortlists, classifierProbabilities, teacherProbabilities, excluded, null, candidate, validationLabels);
        if (hits > bestHits) {
          bestHits = hits;
          firstSlot = candidate;
        }
      }
      for (int row = 0; row < documents; row++) {
        firstPositions[row] = FusedScorer.firstSlotPosition(shortlists[row], firstSlot);
      }
    }

    fillTeacherProbabilities(shortlists, tuned.settings(), teacherProbabilities);
    List<Result> results = new ArrayList<>();
    for (float weight : SPARSE_WEIGHTS) {
      FusionSettings candidate = tuned.settings().withSparseWeight(weight);
      RankingQuality quality =
          evaluate(
              shortlists, classifierProbabilities, teacherProbabilities, excluded, firstPositions, validationLabels,
              candidate, inversePropensities);
      double value = quality.value(objective);
      results.add(
          new Result(
              candidate, value, quality.precisionAt1(), quality.pspAt5(), quality.coverageAt5(), firstSlot,
              quality.precisionAt5()));
    }
    Result best = bestAgainst(results, results.get(0), headTolerance(documents));
    LOG.info("Tuned the sparse classifier weight on {} validation documents in {} ms: {} in the main settings, {} "
            + "in the first slot; P@1 {}, P@5 {}, PSP@5 {}, C@5 {} (without it: P@1 {}, P@5 {}, PSP@5 {}, C@5 {})",
        documents, (System.nanoTime() - start) / 1_000_000, best.settings().sparseWeight(),
        firstSlot == null ? "no separate" : firstSlot.sparseWeight(),
        String.format(java.util.Locale.ROOT, "%.4f", best.precisionAt1()), String.format(java.util.Locale.ROOT, "%.4f", best.precisionAt5()),
        String.format(java.util.Locale.ROOT, "%.4f", best.pspAt5()), String.format(java.util.Locale.ROOT, "%.4f", best.coverageAt5()),
        String.format(java.util.Locale.ROOT, "%.4f", tuned.precisionAt1()), String.format(java.util.Locale.ROOT, "%.4f", tuned.precisionAt5()),
        String.format(java.util.Locale.ROOT, "%.4f", tuned.pspAt5()), String.format(java.util.Locale.ROOT, "%.4f", tuned.coverageAt5()));
    return best;
  }

  /** Returns the vote weights to try: the grid when the scorer has voting documents, else only 0. */
  private static float[] voteGrid(FusedScorer scorer) {
    return scorer.hasNeighbours() && scorer.settings().neighbourCount() > 0 ? NEIGHBOUR_WEIGHTS : NO_NEIGHBOUR_WEIGHT;
  }

  /**
   * Returns the tuned settings: the first slot with the highest P@1 among {@code firstCandidates}
   * (none under PRECISION_AT_1), then the main settings among {@code mainCandidates}. Both lists
   * are in grid order, and a tie keeps the earlier point.
   */
  private Result search(
      FusedScorer scorer,
      DenseMatrix classifierInputs,
      DenseMatrix teacherEmbeddings,
      LabelMatrix validationLabels,
      List<FusionSettings> firstCandidates,
      List<FusionSettings> mainCandidates,
      String searched) {
    if (classifierInputs.rows() != validationLabels.rows()) {
      throw new IllegalArgumentException(
          "there are " + classifierInputs.rows() + " validation embeddings but "
              + validationLabels.rows() + " label rows");
    }
    long start = System.nanoTime();
    int documents = classifierInputs.rows();
    FusedScorer.Shortlist[] shortlists = new FusedScorer.Shortlist[documents];
    float[][] classifierProbabilities = new float[documents][];
    // Each document writes only its own slots, so the parallel loop gives the same arrays.
    IntStream.range(0, documents).parallel().forEach(row -> {
      shortlists[row] = scorer.shortlist(classifierInputs.row(row), teacherEmbeddings.row(row));
      classifierProbabilities[row] = new float[shortlists[row].size()];
      for (int i = 0; i < shortlists[row].size(); i++) {
        classifierProbabilities[row][i] = Vectors.sigmoid(shortlists[row].logits()[i]);
      }
    });
    boolean[][] excluded = exclusions(shortlists);

    FusionSettings firstSlot = null;
    if (objective != TuningObjective.PRECISION_AT_1 && documents > 0) {
      firstSlot = chooseFirstSlot(shortlists, classifierProbabilities, excluded, null, firstCandidates, validationLabels);
    }
    Result best = searchMain(shortlists, classifierProbabilities, excluded, firstSlot, mainCandidates, validationLabels);
    if (firstSlot != null && Arrays.stream(excluded).anyMatch(java.util.Objects::nonNull)) {
      // A filtered first-slot pick leaves the first place to the main settings, which are known
      // only now, so the first slot is chosen again with them and the main settings follow it.
      int[] fallback = mainTops(shortlists, classifierProbabilities, excluded, best.settings());
      FusionSettings exact =
          chooseFirstSlot(shortlists, classifierProbabilities, excluded, fallback, firstCandidates, validationLabels);
      if (!exact.equals(firstSlot)) {
        LOG.info("With the first choice of first slot the main settings gave P@1 {}, P@5 {}, PSP@5 {}, C@5 {}",
            String.format(java.util.Locale.ROOT, "%.4f", best.precisionAt1()), String.format(java.util.Locale.ROOT, "%.4f", best.precisionAt5()),
            String.format(java.util.Locale.ROOT, "%.4f", best.pspAt5()), String.format(java.util.Locale.ROOT, "%.4f", best.coverageAt5()));
        firstSlot = exact;
        best = searchMain(shortlists, classifierProbabilities, excluded, firstSlot, mainCandidates, validationLabels);
      }
    }
    LOG.info("Tuned fusion over {} ({} points) on {} validation documents in {} ms: alpha {}, scale {}, shift {}, "
            + "document vote {}, first slot {}; P@1 {}, P@5 {}, PSP@5 {}, C@5 {}",
        searched, mainCandidates.size(), documents, (System.nanoTime() - start) / 1_000_000, best.settings().alpha(),
        best.settings().cosineScale(), best.settings().cosineShift(), best.settings().neighbourWeight(),
        firstSlot == null ? "same" : firstSlot,
        String.format(java.util.Locale.ROOT, "%.4f", best.precisionAt1()), String.format(java.util.Locale.ROOT, "%.4f", best.precisionAt5()),
        String.format(java.util.Locale.ROOT, "%.4f", best.pspAt5()), String.format(java.util.Locale.ROOT, "%.4f", best.coverageAt5()));
    return best;
  }

  /**
   * Returns the first-slot candidate with the most validation hits, the earliest on a tie.
   *
   * @param fallback per row, the shortlist position that takes the first place when the
   *     candidate's pick is filtered, or null to count the candidate's best unfiltered label
   */
  private FusionSettings chooseFirstSlot(
      FusedScorer.Shortlist[] shortlists,
      float[][] classifierProbabilities,
      boolean[][] excluded,
      int[] fallback,
      List<FusionSettings> firstCandidates,
      LabelMatrix validationLabels) {
    int[] hits = new int[firstCandidates.size()];
    forEachByCalibration(shortlists, firstCandidates, (index, teacherProbabilities) ->
        hits[index] = firstSlotHits(shortlists, classifierProbabilities, teacherProbabilities, excluded, fallback,
            firstCandidates.get(index), validationLabels));
    int best = 0;
    for (int i = 1; i < hits.length; i++) {
      if (hits[i] > hits[best]) {
        best = i;
      }
    }
    FusionSettings firstSlot = firstCandidates.get(best);
    LOG.info("First slot{}: {} gives validation P@1 {}", fallback == null ? "" : ", chosen again with the main settings",
        firstSlot, String.format(java.util.Locale.ROOT, "%.4f", (double) hits[best] / shortlists.length));
    return firstSlot;
  }

  /** Returns the main settings with the best objective for rankings that open with {@code firstSlot}'s pick. */
  private Result searchMain(
      FusedScorer.Shortlist[] shortlists,
      float[][] classifierProbabilities,
      boolean[][] excluded,
      FusionSettings firstSlot,
      List<FusionSettings> mainCandidates,
      LabelMatrix validationLabels) {
    int[] firstPositions = new int[shortlists.length];
    for (int row = 0; row < shortlists.length; row++) {
      firstPositions[row] = firstSlot == null ? -1 : FusedScorer.firstSlotPosition(shortlists[row], firstSlot);
    }
    Result[] results = new Result[mainCandidates.size()];
    forEachByCalibration(shortlists, mainCandidates, (index, teacherProbabilities) -> {
      FusionSettings candidate = mainCandidates.get(index);
      RankingQuality quality =
          evaluate(
              shortlists, classifierProbabilities, teacherProbabilities, excluded, firstPositions, validationLabels,
              candidate, inversePropensities);
      double value = quality.value(objective);
      results[index] =
          new Result(
              candidate, value, quality.precisionAt1(), quality.pspAt5(), quality.coverageAt5(), firstSlot,
              quality.precisionAt5());
    });
    return best(Arrays.asList(results), headTolerance(validationLabels.rows()));
  }

  /**
   * Returns the P@1 and P@5 that HEAD_GUARDED may give up on {@code documents} validation
   * documents: {@link #HEAD_TOLERANCE}, or {@link #GUARD_DOCUMENTS} documents of P@1 where that is more.
   */
  static double headTolerance(int documents) {
    return documents <= 0 ? HEAD_TOLERANCE : Math.max(HEAD_TOLERANCE, GUARD_DOCUMENTS / (double) documents);
  }

  /** Returns per row the shortlist position of the best unfiltered label under {@code settings}. */
  private static int[] mainTops(
      FusedScorer.Shortlist[] shortlists, float[][] classifierProbabilities, boolean[][] excluded,
      FusionSettings settings) {
    float[][] teacherProbabilities = new float[shortlists.length][];
    fillTeacherProbabilities(shortlists, settings, teacherProbabilities);
    int[] tops = new int[shortlists.length];
    for (int row = 0; row < shortlists.length; row++) {
      tops[row] = firstPosition(shortlists[row], classifierProbabilities[row], teacherProbabilities[row], settings,
          excluded[row]);
    }
    return tops;
  }

  /**
   * Returns the candidate with the highest objective, the earliest on a tie. Under HEAD_GUARDED
   * only candidates within {@code tolerance} of the best P@1 and of the best P@5 compete, or,
   * when none is within both, those within it of the settings with the best P@1.
   */
  private Result best(List<Result> candidates, double tolerance) {
    double bestPrecision = candidates.stream().mapToDouble(Result::precisionAt1).max().orElse(0);
    double bestPrecisionAt5 = candidates.stream().mapToDouble(Result::precisionAt5).max().orElse(0);
    Result best = null;
    for (Result candidate : candidates) {
      boolean admissible =
          objective != TuningObjective.HEAD_GUARDED
              || (candidate.precisionAt1() >= bestPrecision - tolerance
                  && candidate.precisionAt5() >= bestPrecisionAt5 - tolerance);
      if (admissible && (best == null || candidate.objectiveValue() > best.objectiveValue())) {
        best = candidate;
      }
    }
    if (best == null) {
      // No candidate is within the tolerance of both bests when the settings with the best P@1 lose
      // more than a point of P@5 to other settings. The best P@1 then sets both guards.
      Result highestPrecision = candidates.get(0);
      for (Result candidate : candidates) {
        if (candidate.precisionAt1() > highestPrecision.precisionAt1()) {
          highestPrecision = candidate;
        }
      }
      best = bestAgainst(candidates, highestPrecision, tolerance);
    }
    return best;
  }

  /**
   * Returns the candidate with the highest objective, the earliest on a tie. Under HEAD_GUARDED
   * only candidates within {@code tolerance} of the reference's P@1 and P@5 compete, so the
   * reference itself always does. {@link #best} compares with the best of the list instead, and
   * there a term that lifts P@5 by more than the tolerance would shut out every setting without
   * it, however much tail coverage they keep.
   */
  private Result bestAgainst(List<Result> candidates, Result reference, double tolerance) {
    Result best = null;
    for (Result candidate : candidates) {
      boolean admissible =
          objective != TuningObjective.HEAD_GUARDED
              || (candidate.precisionAt1() >= reference.precisionAt1() - tolerance
                  && candidate.precisionAt5() >= reference.precisionAt5() - tolerance);
      if (admissible && (best == null || candidate.objectiveValue() > best.objectiveValue())) {
        best = candidate;
      }
    }
    return best;
  }

  /** Receives a candidate's position in its list and the teacher probabilities under its calibration. */
  private interface CandidateVisitor {
    void visit(int index, float[][] teacherProbabilities);
  }

  /**
   * Visits every candidate, grouped by calibration (scale and shift), so that each document's
   * teacher probabilities are computed once per calibration rather than once per candidate. The
   * visitor is called from several threads at once, for distinct candidates.
   */
  private static void forEachByCalibration(
      FusedScorer.Shortlist[] shortlists, List<FusionSettings> candidates, CandidateVisitor visitor) {
    Map<List<Float>, List<Integer>> byCalibration = new LinkedHashMap<>();
    for (int i = 0; i < candidates.size(); i++) {
      FusionSettings candidate = candidates.get(i);
      byCalibration
          .computeIfAbsent(List.of(candidate.cosineScale(), candidate.cosineShift()), key -> new ArrayList<>())
          .add(i);
    }
    float[][] teacherProbabilities = new float[shortlists.length][];
    for (List<Integer> group : byCalibration.values()) {
      fillTeacherProbabilities(shortlists, candidates.get(group.get(0)), teacherProbabilities);
      // Candidates run in parallel on the caller's fork-join pool (the training's --threads), each
      // writing only its own result, so the outcome does not depend on the thread count.
      group.parallelStream().forEach(index -> visitor.visit(index, teacherProbabilities));
    }
  }

  /**
   * Returns every combination of the given values in grid order, with the shortlist sizes and vote
   * count of {@code base}.
   */
  private static List<FusionSettings> points(
      FusionSettings base, float[] alphas, float[] scales, float[] crossings, float[] votes) {
    List<FusionSettings> points = new ArrayList<>();
    for (float alpha : alphas) {
      for (float scale : scales) {
        for (float cosine : crossings) {
          for (float vote : votes) {
            // 0f − x rather than −x, so that a zero shift is +0.0 and prints as 0.0.
            points.add(base.withWeights(alpha, scale, 0f - cosine * scale).withNeighbourWeight(vote));
          }
        }
      }
    }
    return points;
  }

  /** Fills {@code out[row][i]} with the teacher probability of shortlist entry i under {@code calibration}. */
  private static void fillTeacherProbabilities(
      FusedScorer.Shortlist[] shortlists, FusionSettings calibration, float[][] out) {
    for (int row = 0; row < shortlists.length; row++) {
      FusedScorer.Shortlist shortlist = shortlists[row];
      out[row] = new float[shortlist.size()];
      for (int i = 0; i < shortlist.size(); i++) {
        out[row][i] = FusedScorer.teacherProbability(shortlist.cosines()[i], calibration);
      }
    }
  }

  /**
   * Mirrors {@link FusedScorer#firstSlotPosition} on precomputed probabilities, passing over the
   * entries that {@code excluded} marks.
   *
   * @param excluded the filtered entries of the shortlist, or null when none is filtered
   */
  private static int firstPosition(
      FusedScorer.Shortlist shortlist, float[] classifierProbabilities, float[] teacherProbabilities,
      FusionSettings settings, boolean[] excluded) {
    int best = -1;
    float bestScore = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < shortlist.size(); i++) {
      if (excluded != null && excluded[i]) {
        continue;
      }
      float score =
          FusedScorer.combine(
              classifierProbabilities[i], teacherProbabilities[i], shortlist.votes()[i],
              shortlist.sparseProbabilities()[i], settings);
      if (score > bestScore || (best >= 0 && score == bestScore && shortlist.labels()[i] < shortlist.labels()[best])) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * Returns the quality of the served rankings under {@code settings}, with the filtered labels
   * removed from them as an evaluation removes them: a filtered first-slot label leaves the first
   * place to the main settings' best label.
   */
  private static RankingQuality evaluate(
      FusedScorer.Shortlist[] shortlists,
      float[][] classifierProbabilities,
      float[][] teacherProbabilities,
      boolean[][] excluded,
      int[] firstPositions,
      LabelMatrix truth,
      FusionSettings settings,
      float[] inversePropensities) {
    RankingQuality quality = new RankingQuality(truth, inversePropensities);
    TopK top = new TopK(RankingQuality.K);
    TopK rest = new TopK(RankingQuality.K - 1);
    int[] ranked = new int[RankingQuality.K];
    for (int row = 0; row < shortlists.length; row++) {
      FusedScorer.Shortlist shortlist = shortlists[row];
      boolean[] filtered = excluded[row];
      int first = firstPositions[row];
      if (first >= 0 && filtered != null && filtered[first]) {
        first = -1;
      }
      TopK heap = first < 0 ? top : rest;
      for (int i = 0; i < shortlist.size(); i++) {
        if (i != first && (filtered == null || !filtered[i])) {
          heap.offer(
              shortlist.labels()[i],
              FusedScorer.combine(
                  classifierProbabilities[row][i], teacherProbabilities[row][i], shortlist.votes()[i],
                  shortlist.sparseProbabilities()[i], settings));
        }
      }
      int count = 0;
      if (first >= 0) {
        ranked[count++] = shortlist.labels()[first];
      }
      count += heap.drainIds(ranked, count);
      quality.add(row, ranked, count);
    }
    return quality;
  }

  /**
   * Returns, per validation row, which shortlist entries the filter removes, or null for a row
   * without any, so that the grid search looks each pair up once rather than once per point.
   */
  private boolean[][] exclusions(FusedScorer.Shortlist[] shortlists) {
    boolean[][] excluded = new boolean[shortlists.length][];
    for (int row = 0; row < shortlists.length; row++) {
      FusedScorer.Shortlist shortlist = shortlists[row];
      boolean[] entries = null;
      for (int i = 0; i < shortlist.size(); i++) {
        if (filter.excludes(row, shortlist.labels()[i])) {
          if (entries == null) {
            entries = new boolean[shortlist.size()];
          }
          entries[i] = true;
        }
      }
      excluded[row] = entries;
    }
    return excluded;
  }

  /**
   * Returns the grid points around {@code centre} in grid order (alpha, scale, crossing cosine,
   * vote weight, each ascending), with the shortlist sizes and vote count of {@code base}.
   */
  static List<FusionSettings> neighbourhood(FusionSettings base, FusionSettings centre, float[] voteGrid) {
    float crossing = centre.cosineScale() == 0f ? 0f : -centre.cosineShift() / centre.cosineScale();
    return points(
        base, around(ALPHAS, centre.alpha()), around(SCALES, centre.cosineScale()), around(CROSSING_COSINES, crossing),
        around(voteGrid, centre.neighbourWeight()));
  }

  /** Returns the grid value nearest {@code value} with its neighbours on both sides, ascending. */
  private static float[] around(float[] grid, float value) {
    int nearest = 0;
    for (int i = 1; i < grid.length; i++) {
      if (Math.abs(grid[i] - value) < Math.abs(grid[nearest] - value)) {
        nearest = i;
      }
    }
    int from = Math.max(0, nearest - 1);
    int to = Math.min(grid.length, nearest + 2);
    return Arrays.copyOfRange(grid, from, to);
  }

  /**
   * Returns how many validation documents get a true label first under {@code candidate}. Served,
   * the first slot can pick a filtered label, which an evaluation removes, and then the main
   * settings fill the first place: {@code fallback} gives their pick. Without it, the candidate's
   * best unfiltered label takes that place.
   */
  // NOTE: the sparse weight's first-slot search counts the candidate's best unfiltered label, so
  // with a filter it can choose the first slot's sparse weight on a slightly optimistic P@1.
  private static int firstSlotHits(
      FusedScorer.Shortlist[] shortlists,
      float[][] classifierProbabilities,
      float[][] teacherProbabilities,
      boolean[][] excluded,
      int[] fallback,
      FusionSettings candidate,
      LabelMatrix truth) {
    int hits = 0;
    for (int row = 0; row < shortlists.length; row++) {
      boolean[] filtered = excluded[row];
      int first =
          firstPosition(shortlists[row], classifierProbabilities[row], teacherProbabilities[row], candidate,
              fallback == null ? filtered : null);
      if (fallback != null && first >= 0 && filtered != null && filtered[first]) {
        first = fallback[row];
      }
      if (first >= 0 && truth.contains(row, shortlists[row].labels()[first])) {
        hits++;
      }
    }
    return hits;
  }
}
