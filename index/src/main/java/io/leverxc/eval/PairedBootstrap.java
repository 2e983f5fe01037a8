package io.leverxc.eval;

import io.leverxc.data.LabelMatrix;
import io.leverxc.parallel.ProgressLog;
import io.leverxc.parallel.RangeWorkers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paired bootstrap of the difference between two prediction sets on the same test documents: is
 * a gain in P@k, PSP@k or C@k larger than what another draw of test data could give?
 *
 * <p>P@k and PSP@k are means over documents, so each resample draws as many documents as the test
 * set has, with replacement, and recomputes both models' values on the same draw (PSP@k as the
 * drawn documents' propensity-scored hits over their best achievable value). C@k is a mean over
 * the labels present in the test ground truth, of whether a model predicts the label correctly
 * within k for at least one document. Drawing documents would shrink the set of present labels
 * and bias the coverage of every resample downwards, so C@k resamples those labels instead, each
 * with its covered-or-not outcome for both models. The interval is the percentile interval of the
 * resampled differences. On the whole test set these are exactly the metrics of {@link
 * EvaluationResult}, so the observed difference equals the difference of the two results.
 *
 * <p>The result depends only on the seed, not on the number of threads. The cost is about {@code
 * resamples × documents × ks} for P@k and PSP@k and {@code resamples × present labels × ks} for C@k.
 */
public final class PairedBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(PairedBootstrap.class);

  /** 1,000 resamples, so each end of the 95% interval lies 25 resampled values inside the extremes. */
  public static final int DEFAULT_RESAMPLES = 1_000;

  /** Coverage of the percentile interval: 95%. */
  public static final double CONFIDENCE = 0.95;

  public static final long DEFAULT_SEED = 42L;

  /**
   * Lower bound on the resamples. Below 40 the 2.5th and 97.5th percentiles are the smallest and
   * largest resampled values, so the interval is no longer a 95% interval.
   */
  public static final int MIN_RESAMPLES = 100;

  /** Upper bound on the resamples: their differences are kept in memory, 8 bytes per metric each. */
  public static final int MAX_RESAMPLES = 1_000_000;

  /** Below this many test documents the interval rests on too few documents to be trusted, so a warning is logged. */
  static final int FEW_DOCUMENTS = 100;


  /**
   * The difference second − first of one metric, as a fraction, with its percentile interval.
   *
   * @param metric the metric name, such as {@code "PSP@5"}
   * @param difference second − first on the whole test set
   * @param lower the 2.5th percentile of the resampled differences
   * @param upper the 97.5th percentile of the resampled differences
   */
  public record Difference(String metric, double difference, double lower, double upper) {
    /** Returns whether the interval excludes zero, so the sign of the difference is unlikely to be noise. */
    public boolean excludesZero() {
      return lower > 0 || upper < 0;
    }
  }

  /**
   * A named comparison of two prediction sets.
   *
   * @param first name of the prediction set subtracted
   * @param second name of the prediction set compared with it
   * @param differences second − first per metric, as {@link #compare(DocumentScores, DocumentScores)} returns them
   */
  public record Comparison(String first, String second, int resamples, long seed, List<Difference> differences) {}

  private final LabelMatrix truth;
  private final int resamples;
  private final long seed;
  private final int threads;

  /**
   * @param truth the ground truth both prediction sets were evaluated against
   * @param resamples number of resamples, {@link #MIN_RESAMPLES} to {@link #MAX_RESAMPLES}
   * @param threads threads that share the resamples, at least 1; the result does not depend on it
   */
  public PairedBootstrap(LabelMatrix truth, int resamples, long seed, int threads) {
    if (resamples < MIN_RESAMPLES || resamples > MAX_RESAMPLES) {
      throw new IllegalArgumentException(
          "the bootstrap needs " + MIN_RESAMPLES + " to " + MAX_RESAMPLES + " resamples, got " + resamples);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("the bootstrap needs at least 1 thread, got " + threads);
    }
    this.truth = truth;
    this.resamples = resamples;
    this.seed = seed;
    this.threads = threads;
  }

  /**
   * Returns the named comparison of second against first.
   *
   * @throws IllegalArgumentException as {@link #compare(DocumentScores, DocumentScores)}
   */
  public Comparison compare(String firstName, DocumentScores first, String secondName, DocumentScores second) {
    return new Comparison(firstName, secondName, resamples, seed, compare(first, second));
  }

  /**
   * Returns second − first for P@k, PSP@k and C@k at every cut-off, in that order.
   *
   * @throws IllegalArgumentException if the two score sets or the ground truth differ in documents,
   *     labels or cut-offs
   */
  public List<Difference> compare(DocumentScores first, DocumentScores second) {
    if (first.documents() != truth.rows() || second.documents() != truth.rows()) {
      throw new IllegalArgumentException("the document scores cover " + first.documents() + " and "
          + second.documents() + " documents but the ground truth has " + truth.rows());
    }
    if (!Arrays.equals(first.ks(), second.ks())) {
      throw new IllegalArgumentException("the document scores have different cut-offs: "
          + Arrays.toString(first.ks()) + " and " + Arrays.toString(second.ks()));
    }
    if (first.labelCount() != truth.columns() || second.labelCount() != truth.columns()) {
      throw new IllegalArgumentException("the document scores cover " + first.labelCount() + " and "
          + second.labelCount() + " labels but the ground truth has " + truth.columns());
    }
    if (truth.rows() < FEW_DOCUMENTS) {
      LOG.warn("Paired bootstrap over only {} test documents: every resample draws from so few documents that"
          + " the interval is rough", truth.rows());
    }
    int[] ks = first.ks();
    int metricCount = 3 * ks.length;
    long started = System.nanoTime();

    int[] everyDocumentOnce = new int[truth.rows()];
    Arrays.fill(everyDocumentOnce, 1);
    double[] observed = documentDifferences(first, second, everyDocumentOnce);
    byte[][] coverageChanges = coverageChanges(first, second, ks);
    double[] observedCoverage = observedCoverageDifferences(first, second, ks, coverageChanges.length);

    double[][] resampled = resampleDifferences(first, second, coverageChanges, ks);
    double[] allObserved = Arrays.copyOf(observed, metricCount);
    System.arraycopy(observedCoverage, 0, allObserved, 2 * ks.length, ks.length);

    LOG.info("Paired bootstrap: {} resamples of {} documents and {} labels in {} ms",
        resamples, truth.rows(), coverageChanges.length, (System.nanoTime() - started) / 1_000_000);

    List<Difference> result = new ArrayList<>();
    String[] prefixes = {"P@", "PSP@", "C@"};
    for (int family = 0; family < prefixes.length; family++) {
      for (int kIndex = 0; kIndex < ks.length; kIndex++) {
        int metric = family * ks.length + kIndex;
        double[] sorted = resampled[metric];
        Arrays.sort(sorted);
        result.add(new Difference(prefixes[family] + ks[kIndex], allObserved[metric],
            sorted[lowerIndex(resamples)], sorted[upperIndex(resamples)]));
      }
    }
    return List.copyOf(result);
  }

  /**
   * Returns the resampled differences, indexed by metric (P@k, then PSP@k, then C@k, each for every
   * cut-off) and resample.
   */
  private double[][] resampleDifferences(
      DocumentScores first, DocumentScores second, byte[][] coverageChanges, int[] ks) {
    // Every resample's seeds come from one generator, in order, before the threads start. Seeds
    // made by adding or multiplying the resample index would give overlapping random streams.
    SplittableRandom seeds = new SplittableRandom(seed);
    long[] documentSeeds = new long[resamples];
    long[] labelSeeds = new long[resamples];
    for (int resample = 0; resample < resamples; resample++) {
      documentSeeds[resample] = seeds.nextLong();
      labelSeeds[resample] = seeds.nextLong();
    }

    double[][] resampled = new double[3 * ks.length][resamples];
    ProgressLog progress = new ProgressLog(LOG, "paired bootstrap, resamples", resamples);
    RangeWorkers.run(Math.min(resamples, threads), "lever-bootstrap", resamples, (worker, from, to) -> {
      int[] documentDraws = new int[truth.rows()];
      int[] labelDraws = new int[coverageChanges.length];
      for (int resample = from; resample < to; resample++) {
        progress.add(1);
        draw(documentSeeds[resample], documentDraws);
        draw(labelSeeds[resample], labelDraws);
        double[] documentValues = documentDifferences(first, second, documentDraws);
        double[] coverageValues = coverageDifferences(coverageChanges, labelDraws, ks.length);
        for (int kIndex = 0; kIndex < ks.length; kIndex++) {
          resampled[kIndex][resample] = documentValues[kIndex];
          resampled[ks.length + kIndex][resample] = documentValues[ks.length + kIndex];
          resampled[2 * ks.length + kIndex][resample] = coverageValues[kIndex];
        }
      }
    });
    return resampled;
  }

  /**
   * Returns the C@k differences on the whole test set as the difference of the two coverages, so
   * that they equal the difference of the two evaluation results to the last bit.
   */
  private static double[] observedCoverageDifferences(
      DocumentScores first, DocumentScores second, int[] ks, int presentLabels) {
    double[] differences = new double[ks.length];
    if (presentLabels == 0) {
      return differences;
    }
    for (int kIndex = 0; kIndex < ks.length; kIndex++) {
      int firstCovered = 0;
      int secondCovered = 0;
      for (int label = 0; label < first.labelCount(); label++) {
        firstCovered += first.bestHitRank(label) <= ks[kIndex] ? 1 : 0;
        secondCovered += second.bestHitRank(label) <= ks[kIndex] ? 1 : 0;
      }
      differences[kIndex] = (double) secondCovered / presentLabels - (double) firstCovered / presentLabels;
    }
    return differences;
  }

  /** Index of the 2.5th percentile among {@code count} sorted values. */
  static int lowerIndex(int count) {
    return (int) Math.floor((1 - CONFIDENCE) / 2 * count);
  }

  /** Index of the 97.5th percentile among {@code count} sorted values. */
  static int upperIndex(int count) {
    return Math.min(count - 1, (int) Math.ceil((1 + CONFIDENCE) / 2 * count) - 1);
  }

  /**
   * Fills {@code draws[i]} with how often item i is drawn when {@code draws.length} items are drawn
   * with replacement.
   */
  private static void draw(long drawSeed, int[] draws) {
    Arrays.fill(draws, 0);
    SplittableRandom random = new SplittableRandom(drawSeed);
    for (int i = 0; i < draws.length; i++) {
      draws[random.nextInt(draws.length)]++;
    }
  }

  /** Returns second − first of P@k, then of PSP@k, for documents weighted by how often they are drawn. */
  private static double[] documentDifferences(DocumentScores first, DocumentScores second, int[] draws) {
    int kCount = first.ks().length;
    double[] firstMetrics = documentMetrics(first, draws, kCount);
    double[] secondMetrics = documentMetrics(second, draws, kCount);
    double[] differences = new double[2 * kCount];
    for (int i = 0; i < differences.length; i++) {
      differences[i] = secondMetrics[i] - firstMetrics[i];
    }
    return differences;
  }

  private static double[] documentMetrics(DocumentScores scores, int[] draws, int kCount) {
    double[] precision = new double[kCount];
    double[] propensityScored = new double[kCount];
    double[] ideal = new double[kCount];
    long drawn = 0;
    for (int document = 0; document < draws.length; document++) {
      int count = draws[document];
      drawn += count;
      if (count == 0) {
        continue;
      }
      for (int kIndex = 0; kIndex < kCount; kIndex++) {
        precision[kIndex] += count * scores.precision(document, kIndex);
        propensityScored[kIndex] += count * scores.propensityScored(document, kIndex);
        ideal[kIndex] += count * scores.idealPropensityScored(document, kIndex);
      }
    }
    double[] metrics = new double[2 * kCount];
    for (int kIndex = 0; kIndex < kCount; kIndex++) {
      metrics[kIndex] = drawn == 0 ? 0 : precision[kIndex] / drawn;
      metrics[kCount + kIndex] = ideal[kIndex] == 0 ? 0 : propensityScored[kIndex] / ideal[kIndex];
    }
    return metrics;
  }

  /**
   * Returns, for each label present in the ground truth and each cut-off, whether second covers it
   * within k minus whether first does: -1, 0 or 1.
   */
  private byte[][] coverageChanges(DocumentScores first, DocumentScores second, int[] ks) {
    int[] frequencies = truth.labelFrequencies();
    List<byte[]> changes = new ArrayList<>();
    for (int label = 0; label < frequencies.length; label++) {
      if (frequencies[label] == 0) {
        continue;
      }
      byte[] change = new byte[ks.length];
      for (int kIndex = 0; kIndex < ks.length; kIndex++) {
        int secondCovers = second.bestHitRank(label) <= ks[kIndex] ? 1 : 0;
        int firstCovers = first.bestHitRank(label) <= ks[kIndex] ? 1 : 0;
        change[kIndex] = (byte) (secondCovers - firstCovers);
      }
      changes.add(change);
    }
    return changes.toArray(new byte[0][]);
  }

  /** Returns the mean coverage change per cut-off over labels weighted by how often they are drawn. */
  private static double[] coverageDifferences(byte[][] changes, int[] draws, int kCount) {
    double[] differences = new double[kCount];
    if (changes.length == 0) {
      return differences;
    }
    for (int label = 0; label < changes.length; label++) {
      if (draws[label] == 0) {
        continue;
      }
      for (int kIndex = 0; kIndex < kCount; kIndex++) {
        differences[kIndex] += draws[label] * changes[label][kIndex];
      }
    }
    for (int kIndex = 0; kIndex < kCount; kIndex++) {
      differences[kIndex] /= changes.length;
    }
    return differences;
  }
}
